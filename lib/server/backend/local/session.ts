import "server-only";
import type { Engine } from "@/lib/engine/create-engine";
import { sha256 } from "@/lib/engine/ids";
import type { Backend } from "../types";
import { toProject } from "./convert";

type SessionPart = Pick<
  Backend,
  "createToken" | "createSession" | "getSession" | "listProjects" | "credits"
>;

export function localSessionPart(engine: Engine): SessionPart {
  return {
    async createToken(clientId, ip, previous) {
      const issued = engine.accounts.issueToken(clientId, ip);
      // An expired token's projects move to its replacement: renewing never loses work.
      if (previous) engine.sessions.adopt(sha256(previous), issued.tokenId);
      return { token: issued.token, expiresAt: issued.expiresAt };
    },
    async createSession(caller, opts) {
      const tokenId = engine.accounts.verify(caller.token);
      return toProject(engine.sessions.create(tokenId, opts));
    },
    async getSession(caller) {
      return toProject(engine.forCaller(caller.token, caller.sessionId).session);
    },
    async listProjects(caller) {
      const tokenId = engine.accounts.verify(caller.token);
      return engine.sessions.list(tokenId).map(toProject);
    },
    async credits(caller) {
      return engine.accounts.balance(engine.accounts.verify(caller.token));
    },
  };
}
