// One error type for both backends. Numeric codes are NemoVideo's, so the UI treats
// the local engine and the cloud alike; the named codes cover everything else.
export const NEMO_CODES = [1001, 1002, 2001, 4001, 4002] as const;

export type ErrorCode =
  | 1001 // token missing, bad or expired
  | 1002 // session not found
  | 2001 // no credits left
  | 4001 // unsupported file
  | 4002 // file too large
  | "bad_request"
  | "validation"
  | "not_found"
  | "forbidden"
  | "rate_limited"
  | "plan_required"
  | "conflict"
  | "cancelled"
  | "timeout"
  | "unavailable"
  | "upstream"
  | "internal";

const STATUS: Record<string, number> = {
  1001: 401,
  1002: 404,
  2001: 402,
  4001: 415,
  4002: 413,
  bad_request: 400,
  validation: 422,
  not_found: 404,
  forbidden: 403,
  rate_limited: 429,
  plan_required: 402,
  conflict: 409,
  cancelled: 499,
  timeout: 504,
  unavailable: 503,
  upstream: 502,
  internal: 500,
};

export function statusForCode(code: ErrorCode): number {
  return STATUS[String(code)] ?? 500;
}

export interface AppErrorOptions {
  status?: number;
  cause?: unknown;
  /** Seconds a client should wait before retrying (429, 503). */
  retryAfter?: number;
  /** Field that failed validation, or other machine-readable detail safe to show. */
  field?: string;
  /** Extra safe data for the UI, e.g. a registration link for 2001. */
  details?: Record<string, unknown>;
}

// A bundler may load this module twice (e.g. once for instrumentation, once for the
// routes); a registry symbol lets `instanceof AppError` recognise either copy's errors.
const BRAND = Symbol.for("video-skill-online.AppError");

export class AppError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== AppError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[BRAND] === true
    );
  }

  readonly code: ErrorCode;
  readonly status: number;
  readonly retryAfter?: number;
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: AppErrorOptions = {}) {
    super(message, { cause: opts.cause });
    Object.defineProperty(this, BRAND, { value: true });
    this.name = "AppError";
    this.code = code;
    this.status = opts.status ?? statusForCode(code);
    this.retryAfter = opts.retryAfter;
    this.field = opts.field;
    this.details = opts.details;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field ? { field: this.field } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    field?: string;
    requestId?: string;
    details?: Record<string, unknown>;
  };
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Reads an `{ error: { code, message } }` body (from either backend) back into an AppError. */
export function errorFromBody(body: unknown, status: number): AppError {
  const e = (body as ErrorBody | undefined)?.error;
  if (e && typeof e.message === "string") {
    return new AppError(e.code ?? "internal", e.message, {
      status,
      field: e.field,
      details: e.details,
    });
  }
  return new AppError(
    "internal",
    `The server answered with an unexpected error (HTTP ${status}). Please try again.`,
    {
      status,
    },
  );
}
