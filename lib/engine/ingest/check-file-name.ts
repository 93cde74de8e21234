import { AppError } from "@/lib/errors";

// File names come from the browser or a URL and end up in the UI, in downloads and in
// the agent's replies. They never become paths (files are stored under ids), but a name
// that tries to be a path or hides control characters is refused with a sentence.

const MAX_NAME = 200;

/** Checks an uploaded file's name; returns it trimmed. */
export function checkFileName(raw: string | undefined): string {
  const name = (raw ?? "").normalize("NFC").trim();
  if (!name)
    throw new AppError(
      "bad_request",
      "The file has no name. Give it a name (for example clip.mp4) and upload it again.",
      { field: "files" },
    );
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) {
    throw new AppError(
      "bad_request",
      "The file name contains control characters. Rename the file using ordinary letters and numbers, then upload it again.",
      { field: "files" },
    );
  }
  if (/[/\\]/.test(name) || name === "." || name === "..") {
    throw new AppError(
      "bad_request",
      `The file name "${name.slice(0, 60)}" contains a folder separator (/ or \\). Rename the file so the name has no slashes, then upload it again.`,
      { field: "files" },
    );
  }
  if (name.length > MAX_NAME) {
    throw new AppError(
      "bad_request",
      `The file name is longer than ${MAX_NAME} characters. Shorten it and upload it again.`,
      { field: "files" },
    );
  }
  return name;
}

/** A readable name for a URL import: the last path segment, cleaned rather than refused. */
export function nameFromUrl(url: URL, contentDisposition?: string | null): string {
  const fromHeader = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? "")?.[1];
  let candidate = fromHeader ?? url.pathname.split("/").filter(Boolean).pop() ?? "";
  try {
    candidate = decodeURIComponent(candidate);
  } catch {
    // keep the raw text
  }
  const cleaned = candidate
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "")
    .split(/[/\\]/)
    .pop()!
    .trim()
    .slice(0, MAX_NAME);
  return cleaned && cleaned !== "." && cleaned !== ".." ? cleaned : url.hostname;
}
