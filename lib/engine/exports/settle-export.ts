import type { Accounts } from "../accounts/accounts";
import type { JobRow, JobStore } from "../jobs/job-store";
import type { ExportFiles, FilesOf } from "./export-files";
import type { Shares } from "./shares";

// What a render's end means for the visitor, once per job (the queue calls it for the
// process whose status update won): a completed export charges its frozen credits and
// gets its share link; a completed preview prunes older previews; anything else gives
// the credits back and drops the files (nothing finished lives in a failed job's folder).

const KEEP_PREVIEWS = 3;

export interface SettleDeps {
  accounts: Accounts;
  shares: Shares;
  files: ExportFiles;
  store: JobStore;
  filesOf(job: JobRow): FilesOf;
  /** Deletes a job's files, logging (not throwing) a storage failure. */
  forget(job: JobRow): void;
}

export function settleExport(job: JobRow, deps: SettleDeps): void {
  if (job.status === "completed") {
    if (job.tokenId) deps.accounts.charge(job.tokenId, job.credits);
    if (job.kind === "export") deps.shares.create(job.id);
    else prunePreviews(job.sessionId, deps);
    return;
  }
  if (job.tokenId) deps.accounts.release(job.tokenId, job.credits);
  deps.forget(job);
}

/** Previews are disposable: keep the newest few per session, not one file per edit. */
function prunePreviews(sessionId: string, deps: SettleDeps): void {
  const done = deps.store
    .listBySession(sessionId, ["preview"])
    .filter((j) => j.status === "completed");
  for (const old of done.slice(KEEP_PREVIEWS)) deps.forget(old);
}
