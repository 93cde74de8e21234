import "server-only";
import { AppError } from "@/lib/errors";
import { ACCEPTED_TYPES_SENTENCE } from "@/lib/media/schema";

// NemoVideo failures -> our AppError, one sentence each that says what happened and what
// to do next. The numeric codes travel unchanged (1001 / 1002 drive sessionRoute's token
// renewal and session replacement); HTTP 402 is a plan limit, NOT a credits problem.

export interface ErrorContext {
  /** A registered NEMO_TOKEN is in use (2001 then means "top up", not "register"). */
  registered: boolean;
  /** Registration page; `?bind=<id>` is added when the id is known. */
  registerUrl: string;
  /** Task or session id to bind the anonymous work to on registration. */
  bindId?: string | null;
  /** Seconds from a Retry-After header, if any. */
  retryAfter?: number;
}

export const RATE_LIMIT_WAIT_S = 30;

/** Registration link for anonymous users, carrying the id their work binds to. */
export function bindUrl(registerUrl: string, bindId?: string | null): string {
  if (!bindId) return registerUrl;
  const url = new URL(registerUrl);
  url.searchParams.set("bind", bindId);
  return url.toString();
}

function upstreamMessage(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  for (const key of ["message", "msg", "error", "detail"]) {
    const v = b[key];
    if (typeof v === "string" && v.trim()) return v.trim().slice(0, 300);
    if (v && typeof v === "object" && typeof (v as { message?: unknown }).message === "string") {
      return (v as { message: string }).message.slice(0, 300);
    }
  }
  return null;
}

/** A registration link the cloud sent itself, if any (preferred over the configured one). */
function upstreamRegisterUrl(body: unknown): string | null {
  const b = (body ?? {}) as Record<string, unknown>;
  const data = (b.data ?? {}) as Record<string, unknown>;
  for (const v of [b.register_url, b.registerUrl, data.register_url, data.registerUrl]) {
    if (typeof v === "string" && /^https:\/\//.test(v)) return v;
  }
  return null;
}

/** The numeric NemoVideo code of a body, or null (0 and missing mean success). */
export function nemoCode(body: unknown): number | null {
  if (!body || typeof body !== "object") return null;
  const raw = (body as { code?: unknown }).code;
  const code = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  return typeof code === "number" && code !== 0 && code !== 200 ? code : null;
}

/** An AppError for a failed upstream answer, or null when the answer is a success. */
export function mapNemoError(status: number, body: unknown, ctx: ErrorContext): AppError | null {
  const code = nemoCode(body);
  const said = upstreamMessage(body);
  switch (code) {
    case 1001:
      if (ctx.registered) {
        // The operator's NEMO_TOKEN was refused: a new anonymous token would not help.
        return new AppError(
          "unavailable",
          "This server's NemoVideo account token was refused. The site operator needs to renew NEMO_TOKEN; your project is kept.",
        );
      }
      return new AppError(
        1001,
        "Your NemoVideo sign-in expired. Reload the page to get a fresh one; your project is kept.",
      );
    case 1002:
      return new AppError(
        1002,
        "This NemoVideo project was not found (cloud projects expire), so a new one was started. Upload your clips again to continue.",
      );
    case 2001:
      if (ctx.registered) {
        return new AppError(
          2001,
          "Your NemoVideo account is out of credits. Top up credits in your account, then try again.",
        );
      }
      return new AppError(
        2001,
        "You have used all your free NemoVideo credits. Register with the link to get more; your project comes with you.",
        {
          details: {
            registerUrl: bindUrl(upstreamRegisterUrl(body) ?? ctx.registerUrl, ctx.bindId),
          },
        },
      );
    case 4001:
      return new AppError(4001, `NemoVideo cannot use that file type. ${ACCEPTED_TYPES_SENTENCE}`);
    case 4002:
      return new AppError(
        4002,
        "That file is too large for NemoVideo (the limit is 500 MB). Compress it or trim it into a shorter clip, then upload it again.",
      );
  }
  if (status === 402)
    return new AppError("plan_required", "Register or upgrade your plan to unlock export.");
  if (status === 429) {
    const wait = ctx.retryAfter ?? RATE_LIMIT_WAIT_S;
    return new AppError(
      "rate_limited",
      `NemoVideo is limiting requests right now. Wait about ${wait} seconds and try again.`,
      {
        retryAfter: wait,
      },
    );
  }
  if (status === 401 && !ctx.registered)
    return new AppError(
      1001,
      "Your NemoVideo sign-in expired. Reload the page to get a fresh one; your project is kept.",
    );
  if (status === 400) {
    return new AppError(
      "bad_request",
      `NemoVideo refused the request${said ? ` ("${said}")` : ""}. Check what you sent and try again.`,
    );
  }
  if (status >= 500) {
    return new AppError(
      "upstream",
      `NemoVideo had a problem on its side (HTTP ${status}). Try again in a minute; your project is kept.`,
    );
  }
  if (status >= 400) {
    return new AppError(
      "upstream",
      `NemoVideo refused the request (HTTP ${status}${said ? `: ${said}` : ""}). Try again in a minute.`,
    );
  }
  if (code !== null) {
    return new AppError(
      "upstream",
      `NemoVideo reported a problem (code ${code}${said ? `: ${said}` : ""}). Try again in a minute.`,
    );
  }
  if (body && typeof body === "object" && (body as { success?: unknown }).success === false) {
    return new AppError(
      "upstream",
      `NemoVideo reported a problem${said ? ` ("${said}")` : ""}. Try again in a minute.`,
    );
  }
  return null;
}

/** Network failures and timeouts, as sentences; the visitor's session is kept either way. */
export function networkError(err: unknown, what: string, callerAborted: boolean): AppError {
  if (callerAborted) return new AppError("cancelled", "The request was cancelled.", { cause: err });
  const e = err as { name?: string; cause?: { name?: string } } | null;
  // fetch rejects with the signal's TimeoutError; node:http with an AbortError caused by it.
  if (e?.name === "TimeoutError" || e?.cause?.name === "TimeoutError") {
    return new AppError(
      "timeout",
      `NemoVideo did not answer in time while ${what}. Try again in a minute; your project is kept.`,
      { cause: err },
    );
  }
  return new AppError(
    "unavailable",
    `We could not reach NemoVideo while ${what}. Check the connection and try again; your project is kept.`,
    {
      cause: err,
      retryAfter: 30,
    },
  );
}
