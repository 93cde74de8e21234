import "server-only";
import { AppError } from "@/lib/errors";
import { MAX_SUBTITLE_BYTES } from "@/lib/engine/captions/uploaded-captions";

// Reads the one subtitle file of a multipart upload. Subtitles are small, so the body is
// buffered, but never past a limit: a huge or endless body stops at MAX_SUBTITLE_BYTES.

const SLACK = 64 * 1024; // multipart boundaries and headers

export async function readSubtitleUpload(req: Request): Promise<{ name: string; bytes: Uint8Array }> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw new AppError("bad_request", 'Send the captions as a file upload (multipart/form-data, field "file").');
  }
  const limit = MAX_SUBTITLE_BYTES + SLACK;
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) throw noFile();

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }

  let form: FormData;
  try {
    form = await new Response(Buffer.concat(chunks), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("bad_request", "The upload could not be read. Choose the .srt or .vtt file again.");
  }
  const files = [...form.getAll("file"), ...form.getAll("files")].filter((v): v is File => typeof v !== "string");
  if (files.length === 0) throw noFile();
  if (files.length > 1) throw new AppError("validation", "Upload one captions file at a time.", { field: "file" });
  const file = files[0];
  if (file.size > MAX_SUBTITLE_BYTES) throw tooLarge();
  return { name: file.name || "captions.srt", bytes: new Uint8Array(await file.arrayBuffer()) };
}

function tooLarge(): AppError {
  return new AppError(4002, `That captions file is larger than ${MAX_SUBTITLE_BYTES / 1024 / 1024} MB, which is far more than subtitles need. Check it is an .srt or .vtt file.`, { field: "file" });
}

function noFile(): AppError {
  return new AppError("validation", 'Choose an .srt or .vtt file to upload (form field "file").', { field: "file" });
}
