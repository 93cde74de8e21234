import crypto from "node:crypto";

/** Short, URL-safe, unguessable id with a readable prefix ("ses_", "med_", "job_"). */
export function newId(prefix: string, bytes = 12): string {
  return `${prefix}_${crypto.randomBytes(bytes).toString("base64url")}`;
}

export function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}
