import busboy from "busboy";
import { AppError } from "@/lib/errors";

// The one way a multipart body is opened (server side: media uploads, the nemo
// pass-through, subtitle uploads): busboy with the caller's limits, and a body that is
// not multipart at all refused with the caller's sentence (400) instead of a stack trace.

export type MultipartLimits = Omit<busboy.BusboyConfig, "headers">;

export function openMultipart(
  contentType: string,
  config: MultipartLimits,
  notMultipart: string,
): busboy.Busboy {
  try {
    return busboy({ headers: { "content-type": contentType }, ...config });
  } catch (err) {
    throw new AppError("bad_request", notMultipart, { cause: err });
  }
}
