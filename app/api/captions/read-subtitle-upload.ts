import "server-only";
import { Readable } from "node:stream";
import { openMultipart } from "@/lib/media/open-multipart";
import { AppError } from "@/lib/errors";
import { MAX_SUBTITLE_BYTES } from "@/lib/media/schema";

// Reads the one subtitle file of a multipart upload, streamed through busboy like every
// upload: subtitles are small, so the file part is kept in memory, but never past
// MAX_SUBTITLE_BYTES; a huge or endless body stops being read at once.

const SLACK = 64 * 1024; // multipart boundaries and headers
const FIELDS = new Set(["file", "files"]);

export async function readSubtitleUpload(
  req: Request,
): Promise<{ name: string; bytes: Uint8Array }> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw new AppError(
      "bad_request",
      'Send the captions as a file upload (multipart/form-data, field "file").',
    );
  }
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_SUBTITLE_BYTES + SLACK) throw tooLarge();
  if (!req.body) throw noFile();

  const bb = openMultipart(
    contentType,
    { limits: { files: 2, fileSize: MAX_SUBTITLE_BYTES, fields: 10, fieldSize: 1024 } },
    "The upload could not be read. Choose the .srt or .vtt file again.",
  );
  const source = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);

  const files = await new Promise<{ name: string; bytes: Uint8Array }[]>((resolve, reject) => {
    const found: { name: string; bytes: Uint8Array }[] = [];
    let failed = false;
    const fail = (err: AppError) => {
      if (failed) return;
      failed = true;
      source.unpipe(bb);
      source.destroy();
      reject(err);
    };
    bb.on("file", (field, stream, info) => {
      stream.on("error", () => undefined);
      if (!FIELDS.has(field)) return void stream.resume();
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => fail(tooLarge()));
      stream.on("end", () => {
        if (!stream.truncated)
          found.push({
            name: info.filename || "captions.srt",
            bytes: new Uint8Array(Buffer.concat(chunks)),
          });
      });
    });
    bb.on("error", () =>
      fail(
        new AppError(
          "bad_request",
          "The upload could not be read. Choose the .srt or .vtt file again.",
        ),
      ),
    );
    bb.on("close", () => {
      if (!failed) resolve(found);
    });
    source.on("error", () =>
      fail(
        new AppError(
          "cancelled",
          "The upload was interrupted. Choose the .srt or .vtt file again.",
        ),
      ),
    );
    source.pipe(bb);
  });

  if (files.length === 0) throw noFile();
  if (files.length > 1)
    throw new AppError("validation", "Upload one captions file at a time.", { field: "file" });
  return files[0];
}

function tooLarge(): AppError {
  return new AppError(
    4002,
    `That captions file is larger than ${MAX_SUBTITLE_BYTES / 1024 / 1024} MB, which is far more than subtitles need. Check it is an .srt or .vtt file.`,
    { field: "file" },
  );
}

function noFile(): AppError {
  return new AppError("validation", 'Choose an .srt or .vtt file to upload (form field "file").', {
    field: "file",
  });
}
