import "server-only";
import crypto from "node:crypto";
import { AppError } from "@/lib/errors";
import { ACCEPTED_EXTENSIONS, type MediaKind, type UploadResult } from "@/lib/media/schema";
import type { Backend, Caller } from "../types";
import { unwrap } from "./nemo-client";
import { callAs, ownProject, toItem, type NemoContext } from "./nemo-context";
import { extensionOf, inspectMultipart, type SeenFile } from "./inspect-multipart";

type MediaPart = Pick<Backend, "upload" | "importUrls" | "listMedia" | "mediaFile" | "deleteMedia">;

type Json = Record<string, unknown>;

function kindOf(name: string): MediaKind {
  const ext = extensionOf(name);
  if ((ACCEPTED_EXTENSIONS.image as readonly string[]).includes(ext)) return "image";
  if ((ACCEPTED_EXTENSIONS.audio as readonly string[]).includes(ext)) return "audio";
  return "video";
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : Number(v) || 0);

function baseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split("/").pop() || "") || "media";
  } catch {
    return "media";
  }
}

export function nemoMediaPart(ctx: NemoContext): MediaPart {
  function uploadPath(caller: Caller) {
    return `/api/upload-video/nemo_agent/me/${encodeURIComponent(caller.sessionId)}`;
  }

  /** The cloud's `files[]{cdn_url,duration,width,height,fps,hash}` into our media records. */
  function record(caller: Caller, body: unknown, seen: SeenFile[]): UploadResult {
    const data = unwrap<Json>(body) ?? {};
    const list = (
      Array.isArray(data.files)
        ? data.files
        : Array.isArray((body as Json)?.files)
          ? (body as Json).files
          : []
    ) as Json[];
    if (!list.length)
      throw new AppError(
        "upstream",
        "NemoVideo accepted the upload but listed no files. Try uploading again.",
      );
    const files = list.map((f, i) => {
      const url = String(f.cdn_url ?? f.url ?? "");
      if (!url)
        throw new AppError(
          "upstream",
          "NemoVideo did not return a link for an uploaded file. Try uploading again.",
        );
      const name = String(f.name ?? f.filename ?? seen[i]?.name ?? baseName(url));
      const hash = String(f.hash ?? crypto.createHash("sha256").update(url).digest("hex"));
      const row = ctx.store().addMedia({
        id: `nmv_${crypto.createHash("sha256").update(`${caller.sessionId}\n${hash}\n${url}`).digest("base64url").slice(0, 20)}`,
        sessionId: caller.sessionId,
        kind: kindOf(name),
        name,
        size: num(f.size ?? seen[i]?.size),
        url,
        duration: num(f.duration),
        width: Math.round(num(f.width)),
        height: Math.round(num(f.height)),
        fps: num(f.fps),
        hash,
      });
      return toItem(row);
    });
    return { files };
  }

  return {
    async upload(caller, input) {
      if (input.body.locked) {
        // The route's one retry after a token renewal cannot replay a streamed body.
        throw new AppError(
          "conflict",
          "Your NemoVideo sign-in was renewed while the upload started. Drop the files again to upload them.",
        );
      }
      const project = ownProject(ctx, caller);
      const watch = inspectMultipart(input.contentType, ctx.settings.maxUploadBytes);
      let body: unknown;
      try {
        body = await callAs(
          ctx,
          caller,
          {
            method: "POST",
            path: uploadPath(caller),
            // Piped through as it arrives (fetch duplex "half"): a 500 MB clip is never held in memory.
            stream: {
              body: input.body.pipeThrough(watch.transform),
              contentType: input.contentType,
              contentLength: input.contentLength,
            },
            timeoutMs: ctx.settings.uploadTimeoutMs,
            what: "uploading your files",
          },
          project.taskId ?? caller.sessionId,
        );
      } catch (err) {
        throw watch.failure() ?? err;
      }
      return record(caller, body, watch.files);
    },

    async importUrls(caller, urls) {
      const project = ownProject(ctx, caller);
      for (const u of urls) {
        if (!/^https?:\/\//i.test(u))
          throw new AppError(
            "validation",
            `"${u}" is not a web address (it must start with http:// or https://).`,
            { field: "urls" },
          );
      }
      const body = await callAs(
        ctx,
        caller,
        {
          method: "POST",
          path: uploadPath(caller),
          json: { urls, source_type: "url" },
          timeoutMs: ctx.settings.uploadTimeoutMs,
          what: "importing your links",
        },
        project.taskId ?? caller.sessionId,
      );
      return record(
        caller,
        body,
        urls.map((u) => ({ name: baseName(u), size: 0 })),
      );
    },

    async listMedia(caller) {
      ownProject(ctx, caller);
      return ctx.store().mediaList(caller.sessionId).map(toItem);
    },

    async mediaFile(caller, mediaId, variant) {
      ownProject(ctx, caller);
      const row = ctx.store().media(caller.sessionId, mediaId);
      if (!row) throw new AppError("not_found", "That file is not in this project.");
      if (variant === "source" || variant === "play") return { kind: "redirect", url: row.url };
      throw new AppError(
        "not_found",
        `NemoVideo does not provide a ${variant} for cloud media; the clip itself still plays.`,
      );
    },

    async deleteMedia(caller, mediaId) {
      ownProject(ctx, caller);
      // The cloud has no delete endpoint: the file leaves this project's media bin here.
      if (!ctx.store().deleteMedia(caller.sessionId, mediaId))
        throw new AppError("not_found", "That file is not in this project.");
    },
  };
}
