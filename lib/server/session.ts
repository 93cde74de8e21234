import "server-only";
import { getIronSession, type IronSession, type SessionOptions } from "iron-session";
import { serverEnv } from "./env";

// What the encrypted, httpOnly cookie holds. The backend token lives only here: the
// browser's JavaScript never sees it.
export interface SessionData {
  /** Which backend issued the token; a switch of BACKEND starts afresh. */
  backend?: "local" | "nemo";
  token?: string;
  clientId?: string;
  sessionId?: string;
}

export type VisitorSession = IronSession<SessionData>;

const THIRTY_DAYS_S = 30 * 86_400;

export function sessionOptions(secure: boolean): SessionOptions {
  const env = serverEnv();
  return {
    password: env.SESSION_PASSWORD,
    cookieName: env.SESSION_COOKIE_NAME,
    ttl: THIRTY_DAYS_S,
    cookieOptions: { httpOnly: true, sameSite: "lax", secure, path: "/" },
  };
}

/**
 * Reads the visitor's session from the request's cookies; the response gets the Set-Cookie
 * on save(). The cookie is Secure whenever the public address is https, even when TLS ends
 * at a proxy that does not say so: a Secure-less cookie would also go out over plain http.
 */
export async function readSession(req: Request, res: Response): Promise<VisitorSession> {
  const secure =
    serverEnv().PUBLIC_URL?.startsWith("https:") === true ||
    new URL(req.url).protocol === "https:" ||
    req.headers.get("x-forwarded-proto") === "https";
  return getIronSession<SessionData>(req, res, sessionOptions(secure));
}
