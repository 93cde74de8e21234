import "server-only";
import crypto from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { getBackend, type Backend } from "../backend";
import type { Caller } from "../backend/types";
import { readSession, type VisitorSession } from "../session";
import { errorResponse, zodToAppError } from "./error-response";
import { checkOrigin, clientIp, publicOrigin } from "./request-info";
import { readJson } from "./read-json";

// Wraps a route handler: checks the Origin, opens the encrypted session, makes sure the
// visitor has a token and a session (renewing an expired token once, replacing a
// vanished session), validates the body, and turns every failure into the shared
// error shape. Handlers then make one backend call and shape the response.

export interface RouteArgs<P, B> {
  req: Request;
  params: P;
  body: B;
  caller: Caller;
  backend: Backend;
  session: VisitorSession;
  requestId: string;
  /** Set when the visitor's access had to be renewed during this request: a sentence to show. */
  notice: string | null;
}

interface RouteOptions<B> {
  body?: z.ZodType<B>;
  /**
   * Said by every route: what an expired token (1001) thrown by the handler leads to. The
   * token is renewed either way (projects carried over); then
   * "rerun": the handler runs once more and the visitor never notices. Only for handlers
   *   that throw 1001 before they change or send anything (a backend that meets 1001 after
   *   sending reports it as another error: nemo/state-part.ts).
   * "never": the visitor gets the error and sends again: the handler has read the request
   *   body (it cannot be read twice) or may have done something that must not happen twice.
   */
  replay: Replay;
  /**
   * Only POST /api/session may hand out a first token. Anywhere else a visitor without
   * one gets 1001, so a cross-site <img> cannot spend an address's quota. Renewing an
   * expired token stays possible everywhere: that needs the visitor's own cookie, which
   * SameSite=Lax keeps off cross-site subresource requests.
   */
  mint?: boolean;
}

export type Replay = "rerun" | "never";

type Handler<P, B> = (args: RouteArgs<P, B>) => Promise<Response>;
type NextContext<P> = { params: Promise<P> };

export function sessionRoute<P = Record<string, never>, B = undefined>(
  opts: RouteOptions<B>,
  handler: Handler<P, B>,
) {
  return async (req: Request, ctx: NextContext<P>): Promise<Response> => {
    const requestId = crypto.randomUUID();
    const jar = new Response();
    try {
      checkOrigin(req);
      const backend = getBackend();
      const session = await readSession(req, jar);
      const params = ((await ctx?.params) ?? {}) as P;
      const body = opts.body ? await parseBody(req, opts.body) : (undefined as B);
      await ensureIdentity(req, session, backend, opts.mint === true && req.method === "POST");

      const run = (notice: string | null = null) =>
        handler({
          req,
          params,
          body,
          caller: callerOf(req, session),
          backend,
          session,
          requestId,
          notice,
        });
      let res: Response;
      try {
        res = await run();
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 1001) {
          // Expired or unknown token: a fresh one (projects carried over), then one retry if the route allows it.
          await renewToken(req, session, backend);
          if (opts.replay === "never") throw err;
          res = await run(
            "Your session had expired, so you were reconnected. Your work is still here.",
          );
        } else if (err.code === 1002) {
          await newSession(session, backend, callerOf(req, session));
          throw err;
        } else {
          throw err;
        }
      }
      return withCookies(res, jar);
    } catch (err) {
      return errorResponse(err, requestId, cookieHeaders(jar));
    }
  };
}

/** For routes anyone may call (share links): error shaping only. */
export function publicRoute<P>(
  handler: (args: { req: Request; params: P; backend: Backend }) => Promise<Response>,
) {
  return async (req: Request, ctx: NextContext<P>): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      return await handler({ req, params: (await ctx.params) as P, backend: getBackend() });
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}

async function parseBody<B>(req: Request, schema: z.ZodType<B>): Promise<B> {
  const raw = await readJson(req);
  const result = schema.safeParse(raw);
  if (!result.success) throw zodToAppError(result.error);
  return result.data;
}

function callerOf(req: Request, session: VisitorSession): Caller {
  return {
    token: session.token ?? "",
    clientId: session.clientId ?? "",
    sessionId: session.sessionId ?? "",
    signal: req.signal,
    origin: publicOrigin(req),
  };
}

/** Makes sure the cookie names a token and a session for the configured backend. */
export async function ensureIdentity(
  req: Request,
  session: VisitorSession,
  backend: Backend,
  mint = false,
): Promise<void> {
  let changed = false;
  if (session.backend !== backend.kind) {
    session.backend = backend.kind;
    session.token = undefined;
    session.sessionId = undefined;
    changed = true;
  }
  if (!session.clientId) {
    session.clientId = crypto.randomUUID();
    changed = true;
  }
  if (!session.token) {
    if (!mint) throw new AppError(1001, "You are not connected yet. Reload the page to connect.");
    const issued = await backend.createToken(session.clientId, clientIp(req));
    session.token = issued.token;
    session.sessionId = undefined;
    changed = true;
  }
  if (!session.sessionId) {
    await newSession(session, backend, callerOf(req, session));
    changed = false; // newSession saved
  }
  if (changed) await session.save();
}

export async function renewToken(
  req: Request,
  session: VisitorSession,
  backend: Backend,
): Promise<void> {
  const previous = session.token;
  const issued = await backend.createToken(
    session.clientId ?? crypto.randomUUID(),
    clientIp(req),
    previous,
  );
  session.token = issued.token;
  // The old session may have moved with the token (local) or be gone (cloud).
  try {
    await backend.getSession(callerOf(req, session));
  } catch {
    session.sessionId = undefined;
    await newSession(session, backend, callerOf(req, session));
    return;
  }
  await session.save();
}

async function newSession(
  session: VisitorSession,
  backend: Backend,
  caller: Caller,
): Promise<void> {
  const project = await backend.createSession(caller, {});
  session.sessionId = project.id;
  await session.save();
}

function cookieHeaders(jar: Response): Headers {
  const h = new Headers();
  for (const c of jar.headers.getSetCookie()) h.append("set-cookie", c);
  return h;
}

function withCookies(res: Response, jar: Response): Response {
  const cookies = jar.headers.getSetCookie();
  if (cookies.length === 0) return res;
  try {
    for (const c of cookies) res.headers.append("set-cookie", c);
    return res;
  } catch {
    // Immutable headers (e.g. Response.redirect): copy into a new response.
    const h = new Headers(res.headers);
    for (const c of cookies) h.append("set-cookie", c);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers: h });
  }
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(data), { ...init, headers });
}
