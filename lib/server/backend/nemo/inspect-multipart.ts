import "server-only";
import { openMultipart } from "@/lib/media/open-multipart";
import { AppError } from "@/lib/errors";
import { ACCEPTED_TYPES_SENTENCE, ALL_ACCEPTED_EXTENSIONS } from "@/lib/media/schema";

// Watches a multipart upload as it streams through to NemoVideo, without holding it:
// each chunk is passed on unchanged and also fed to busboy, which only reads the part
// headers (file names) and counts bytes. A wrong file type or an oversize file stops
// the upload early with the same sentence the cloud would give after 500 MB.

export interface SeenFile {
  name: string;
  size: number;
}

export function extensionOf(name: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(name.split(/[?#]/)[0]);
  return m ? m[1].toLowerCase() : "";
}

export function inspectMultipart(contentType: string, maxBytes: number) {
  const files: SeenFile[] = [];
  let failure: AppError | null = null;
  let bb: ReturnType<typeof openMultipart> | null = openMultipart(
    contentType,
    {},
    'The upload must be a multipart form with one or more files in the "files" field.',
  );
  bb.on("file", (_field, stream, info) => {
    const seen: SeenFile = { name: info.filename || `file-${files.length + 1}`, size: 0 };
    files.push(seen);
    if (!ALL_ACCEPTED_EXTENSIONS.includes(extensionOf(seen.name))) {
      failure ??= new AppError(
        4001,
        `"${seen.name}" is not a supported file. ${ACCEPTED_TYPES_SENTENCE}`,
      );
    }
    stream.on("data", (chunk: Buffer) => {
      seen.size += chunk.length;
      if (seen.size > maxBytes) {
        failure ??= new AppError(
          4002,
          `"${seen.name}" is larger than ${Math.round(maxBytes / 1048576)} MB. Compress it or trim it into a shorter clip, then upload it again.`,
        );
      }
    });
  });
  bb.on("error", () => {
    bb = null; // a malformed body is the cloud's to refuse; stop looking
  });

  const transform = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (failure) {
        controller.error(failure);
        return;
      }
      bb?.write(chunk);
      if (failure) {
        controller.error(failure);
        return;
      }
      controller.enqueue(chunk);
    },
    flush() {
      bb?.end();
    },
  });

  return { transform, files, failure: () => failure };
}
