import "server-only";
import { ZodError } from "zod";
import { AppError, type ErrorBody } from "@/lib/errors";
import { publicMessage } from "./public-error";

// Every failure leaves as `{ "error": { "code", "message" } }`. Zod failures name the
// field (422); anything unexpected is a 500 with a request id, details only in the log.
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return zodToAppError(err);
  if (err instanceof Error && err.name === "AbortError")
    return new AppError("cancelled", "The request was cancelled.");
  return new AppError("internal", "Something went wrong on our side. Please try again.", {
    cause: err,
  });
}

export function zodToAppError(err: ZodError): AppError {
  const issue = err.issues[0];
  const field = issue?.path.join(".") || undefined;
  const message = issue
    ? field
      ? `${field}: ${issue.message}`
      : issue.message
    : "The request is not valid.";
  return new AppError("validation", message, { field });
}

export function errorResponse(err: unknown, requestId: string, headers?: Headers): Response {
  const appErr = toAppError(err);
  const body: ErrorBody = appErr.toBody();
  // ffmpeg's words, file paths and internal origins stay in the log (public-error.ts).
  body.error.message = publicMessage(appErr, requestId);
  if (appErr.code === "internal") body.error.requestId = requestId;
  const h = new Headers(headers);
  h.set("content-type", "application/json");
  h.set("x-request-id", requestId);
  if (appErr.retryAfter) h.set("retry-after", String(appErr.retryAfter));
  return new Response(JSON.stringify(body), { status: appErr.status, headers: h });
}
