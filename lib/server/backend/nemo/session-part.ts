import "server-only";
import crypto from "node:crypto";
import { AppError } from "@/lib/errors";
import type { Credits } from "@/lib/credits/schema";
import type { Backend } from "../types";
import { unwrap } from "./nemo-client";
import { bindUrl } from "./nemo-errors";
import {
  callAs,
  ENV_TOKEN,
  fetchState,
  ownProject,
  toProject,
  type NemoContext,
} from "./nemo-context";

type SessionPart = Pick<
  Backend,
  "createToken" | "createSession" | "getSession" | "listProjects" | "credits"
>;

const TOKEN_DAYS = 7;

export function nemoSessionPart(ctx: NemoContext): SessionPart {
  async function anonymousToken(clientId: string): Promise<string> {
    const ask = (id: string) =>
      ctx.client.call({
        method: "POST",
        path: "/api/auth/anonymous-token",
        clientId: id,
        json: {},
        what: "connecting to NemoVideo",
      });
    let body: unknown;
    try {
      body = await ask(clientId);
    } catch (err) {
      // Documented: HTTP 400 means a missing/invalid X-Client-Id: make a fresh one and retry once.
      if (!(err instanceof AppError) || err.code !== "bad_request") throw err;
      body = await ask(crypto.randomUUID());
    }
    const token = unwrap<{ token?: unknown }>(body)?.token;
    if (typeof token !== "string" || !token) {
      throw new AppError(
        "upstream",
        "NemoVideo did not hand out a starter token. Try again in a minute.",
      );
    }
    return token;
  }

  return {
    async createToken(clientId, ip) {
      ctx.limitNewToken(ip);
      if (ctx.settings.token) return { token: ENV_TOKEN, expiresAt: null };
      const token = await anonymousToken(clientId || crypto.randomUUID());
      return { token, expiresAt: ctx.now() + TOKEN_DAYS * 86_400_000 };
    },

    async createSession(caller, opts) {
      const body = await callAs(ctx, caller, {
        method: "POST",
        path: "/api/tasks/me/with-session/nemo_agent",
        json: { task_name: "project", language: opts.language ?? "en" },
        what: "starting a project",
      });
      const data = unwrap<{ session_id?: unknown; task_id?: unknown }>(body) ?? {};
      if (typeof data.session_id !== "string" || !data.session_id) {
        throw new AppError("upstream", "NemoVideo did not start a project. Try again in a minute.");
      }
      const row = ctx.store().addProject({
        sessionId: data.session_id,
        clientId: caller.clientId,
        taskId:
          typeof data.task_id === "string" || typeof data.task_id === "number"
            ? String(data.task_id)
            : null,
        title: opts.title?.trim() || "Untitled project",
      });
      return toProject(row);
    },

    async getSession(caller) {
      const row = ownProject(ctx, caller);
      // The cloud has no "get session": reading its state proves the session is alive (1002 otherwise).
      await fetchState(ctx, caller, row);
      ctx.store().touch(row.sessionId);
      return toProject({ ...row, updatedAt: ctx.now() });
    },

    async listProjects(caller) {
      // No list endpoint in the cloud: the projects this visitor started here.
      return ctx.store().projects(caller.clientId).map(toProject);
    },

    async credits(caller): Promise<Credits> {
      const latest = ctx.store().projects(caller.clientId)[0];
      const body = await callAs(
        ctx,
        caller,
        { path: "/api/credits/balance/simple", what: "checking your credits" },
        latest?.taskId ?? latest?.sessionId,
      );
      const data = unwrap<Record<string, unknown>>(body) ?? {};
      const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : Number(v) || 0);
      const available = n(data.available);
      const frozen = n(data.frozen);
      const total = data.total === undefined ? available + frozen : n(data.total);
      const registered = Boolean(ctx.settings.token);
      return {
        available,
        frozen,
        total,
        enabled: true,
        registerUrl: registered
          ? null
          : bindUrl(ctx.settings.registerUrl, latest?.taskId ?? latest?.sessionId ?? null),
      };
    },
  };
}
