import "server-only";
import { AppError } from "@/lib/errors";
import type { ExportJob } from "@/lib/export/schema";
import type { Backend, Caller } from "../types";
import { countRawSegments } from "./decode-draft";
import { unwrap } from "./nemo-client";
import { callAs, fetchState, ownProject, toJob, type NemoContext } from "./nemo-context";
import type { RenderRow } from "./nemo-store";
import { parseRenderStatus } from "./render-status";

type ExportPart = Pick<
  Backend,
  | "startExport"
  | "exportStatus"
  | "listExports"
  | "cancelExport"
  | "download"
  | "sharedExport"
  | "sharedFile"
>;

// Cloud renders: started with the session's draft, tracked in SQLite (the cloud's render
// id is all it needs), polled at most every NEMO_POLL_MS (faster in the first seconds)
// however often the studio asks, downloaded by redirect to the cloud's output URL.

/** Frames the cloud is asked for per preset (the draft's `m.width`/`m.height`). */
const FRAMES: Record<string, [number, number]> = {
  youtube: [1920, 1080],
  "1080p": [1920, 1080],
  twitter: [1920, 1080],
  linkedin: [1920, 1080],
  "720p": [1280, 720],
  shorts: [1080, 1920],
  tiktok: [1080, 1920],
  reels: [1080, 1920],
  portrait: [1080, 1350],
  instagram: [1080, 1080],
  square: [1080, 1080],
};
const FAST_POLLS_MS = [2_000, 5_000, 10_000];
const TERMINAL = new Set(["completed", "failed", "cancelled"]);

export function nemoExportPart(ctx: NemoContext): ExportPart {
  const renderPath = (id: string) => `/api/render/proxy/lambda/${encodeURIComponent(id)}`;

  function due(row: RenderRow): boolean {
    if (TERMINAL.has(row.status)) return false;
    const wait = Math.min(ctx.settings.pollMs, FAST_POLLS_MS[row.polls] ?? ctx.settings.pollMs);
    return ctx.now() - row.polledAt >= wait;
  }

  async function poll(caller: Caller, row: RenderRow): Promise<RenderRow> {
    if (!due(row)) return row;
    try {
      const body = await callAs(ctx, caller, {
        path: renderPath(row.id),
        what: "checking your export",
      });
      const s = parseRenderStatus(body);
      ctx.store().updateRender(
        row.id,
        {
          status: s.status,
          progress: s.progress ?? row.progress,
          outputUrl: s.url,
          error: s.error,
        },
        true,
      );
    } catch (err) {
      // A failed status check is not a failed render: keep the job and ask again later.
      if (err instanceof AppError && err.code === "cancelled") throw err;
      ctx.store().updateRender(row.id, {}, true);
    }
    return ctx.store().render(row.sessionId, row.id)!;
  }

  function owned(caller: Caller, id: string): RenderRow {
    ownProject(ctx, caller);
    const row = ctx.store().render(caller.sessionId, id);
    if (!row) throw new AppError("not_found", "That export was not found in this project.");
    return row;
  }

  return {
    async startExport(caller, input): Promise<ExportJob> {
      const project = ownProject(ctx, caller);
      if (input.preview) {
        // Every cloud render spends credits: no silent previews.
        throw new AppError(
          "bad_request",
          "Quick previews are not available with the NemoVideo cloud. Export the video to see the result.",
        );
      }
      const state = await fetchState(ctx, caller, project);
      // The cloud's draft decides, not our reading of it: segments we cannot decode still render.
      if (countRawSegments(state.raw) === 0) {
        throw new AppError(
          "bad_request",
          "There is nothing to export yet: add a clip to the timeline first.",
        );
      }
      let draft = state.raw;
      const frame = FRAMES[input.preset];
      if (frame && draft && typeof draft === "object") {
        const m = ((draft as { m?: unknown }).m ?? {}) as Record<string, unknown>;
        draft = { ...(draft as object), m: { ...m, width: frame[0], height: frame[1] } };
      }
      let ts = ctx.now();
      while (ctx.store().renderExists(`render_${ts}`)) ts++; // two exports in the same millisecond
      const id = `render_${ts}`;
      const body = await callAs(
        ctx,
        caller,
        {
          method: "POST",
          path: "/api/render/proxy/lambda",
          json: {
            id,
            sessionId: caller.sessionId,
            draft,
            output: { format: "mp4", quality: "high" },
          },
          what: "starting your export",
        },
        project.taskId ?? caller.sessionId,
      );
      const data = unwrap<Record<string, unknown>>(body) ?? {};
      const s = parseRenderStatus(body);
      const row = ctx.store().addRender({
        id: typeof data.id === "string" && data.id ? data.id : id,
        sessionId: caller.sessionId,
        preset: input.preset,
        status: s.status === "completed" || s.status === "failed" ? s.status : "pending",
        progress: s.progress ?? 0,
      });
      if (s.url || s.error) ctx.store().updateRender(row.id, { outputUrl: s.url, error: s.error });
      return toJob(ctx.store().render(caller.sessionId, row.id)!, caller.origin);
    },

    async exportStatus(caller, exportId) {
      return toJob(await poll(caller, owned(caller, exportId)), caller.origin);
    },

    async listExports(caller) {
      ownProject(ctx, caller);
      const rows = ctx.store().renders(caller.sessionId);
      const fresh = await Promise.all(rows.map((r) => poll(caller, r)));
      return fresh.map((r) => toJob(r, caller.origin));
    },

    async cancelExport(caller, exportId) {
      const row = owned(caller, exportId);
      if (TERMINAL.has(row.status)) return toJob(row, caller.origin);
      await callAs(ctx, caller, {
        method: "POST",
        path: `${renderPath(row.id)}/cancel`,
        json: {},
        what: "cancelling your export",
      });
      ctx
        .store()
        .updateRender(row.id, { status: "cancelled", error: "You cancelled this export." });
      return toJob(ctx.store().render(caller.sessionId, row.id)!, caller.origin);
    },

    async download(caller, exportId, format) {
      const row = await poll(caller, owned(caller, exportId));
      if (format !== "mp4")
        throw new AppError(
          "not_found",
          "Caption files are not available from the NemoVideo cloud; download the MP4 instead.",
        );
      if (row.status !== "completed" || !row.outputUrl) {
        throw new AppError(
          "conflict",
          "This export is not finished yet. Wait for it to complete, then download it.",
        );
      }
      return { kind: "redirect", url: row.outputUrl };
    },

    async sharedExport(shareId) {
      const row = ctx.store().renderByShare(shareId);
      if (!row || row.status !== "completed" || !row.outputUrl)
        throw new AppError(
          "not_found",
          "This share link does not exist or is no longer available.",
        );
      const project = ctx.store().project(row.sessionId);
      const job = toJob(row, null);
      // The cloud's render status names no poster picture, so its share cards have none.
      return {
        job: { ...job, outputUrl: row.outputUrl },
        title: project?.title ?? "Shared video",
        hasPoster: false,
      };
    },

    async sharedFile(shareId, file = "video") {
      const row = ctx.store().renderByShare(shareId);
      if (!row || row.status !== "completed" || !row.outputUrl)
        throw new AppError(
          "not_found",
          "This share link does not exist or is no longer available.",
        );
      if (file === "poster") throw new AppError("not_found", "This video has no poster picture.");
      return { kind: "redirect", url: row.outputUrl };
    },
  };
}
