import { AppError, errorFromBody } from "@/lib/errors";

// The browser's one way to call our route handlers: JSON in, JSON out, errors as
// AppError with the server's sentence.
export async function api<T>(
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set("content-type", "application/json");
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
      credentials: "same-origin",
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new AppError(
      "unavailable",
      "Can't reach the server. Check your connection and try again.",
      { cause: err },
    );
  }
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: handled below
  }
  if (!res.ok) throw errorFromBody(body, res.status);
  return body as T;
}
