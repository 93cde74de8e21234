import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { createJobStore } from "../jobs/job-store";
import type { Db } from "../store/open-database";
import { createMediaStore } from "../media/media-store";
import { createSessionsStore } from "../store/sessions-store";

// Room on disk, per visitor and for the machine. One visitor's uploads and exports count
// against STORAGE_QUOTA_MB (their sentence says what to delete); below MIN_FREE_DISK_MB
// of free space the server takes no new uploads or renders, so one visitor cannot fill
// the disk everyone's work lives on.

export interface DiskLimits {
  quotaBytes: number;
  minFreeBytes: number;
}

const MB = 1024 * 1024;
const mb = (n: number) => `${Math.round(n / MB)} MB`;

/** Bytes a token's projects hold on this server: uploaded media and finished exports. */
export function tokenUsageBytes(db: Db, tokenId: string): number {
  const media = createMediaStore(db).bytesOfToken(tokenId);
  let exports = 0;
  for (const j of createJobStore(db).completedOfToken(tokenId)) {
    const dir = (j.payload as { dir?: unknown } | null)?.dir;
    try {
      if (typeof dir === "string" && dir && fs.existsSync(dir))
        for (const f of fs.readdirSync(dir)) exports += fs.statSync(path.join(dir, f)).size;
    } catch {
      // a folder removed while we count holds nothing
    }
  }
  return media + exports;
}

export function tokenOfSession(db: Db, sessionId: string): string | null {
  return createSessionsStore(db).tokenOf(sessionId);
}

export function freeBytes(dir: string): number {
  fs.mkdirSync(dir, { recursive: true });
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}

export const overQuota = (used: number, quota: number) =>
  new AppError(
    4002,
    `Your projects use ${mb(used)} of the ${mb(quota)} this server keeps per visitor. Delete exports you have downloaded (export panel: Delete), clips you no longer need (media bin), or an old project (projects menu), then try again.`,
  );

export const lowDisk = () =>
  new AppError(
    "unavailable",
    "The server is running out of disk space, so it is not taking new uploads or exports right now. Please try again later.",
    {
      retryAfter: 600,
    },
  );

/**
 * Throws when the machine is low on space or the token is over its quota; otherwise the
 * bytes the token may still add (so an upload can stop at the quota, not after it).
 */
export function checkRoom(
  db: Db,
  dataDir: string,
  tokenId: string | null,
  limits: DiskLimits,
): number {
  if (freeBytes(dataDir) < limits.minFreeBytes) throw lowDisk();
  if (!tokenId) return Infinity;
  const used = tokenUsageBytes(db, tokenId);
  if (used >= limits.quotaBytes) throw overQuota(used, limits.quotaBytes);
  return limits.quotaBytes - used;
}
