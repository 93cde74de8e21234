import { formatBytes } from "@/lib/client/format";
import { useUploadsStore, type UploadEntry } from "@/stores/uploads";

// A request typed while clips are still uploading waits for them (people drop a clip and
// type at once), showing their progress in the reply, then runs on them. A failed upload
// ends the wait with a sentence naming the file and the reason.

const moving = (e: UploadEntry) => e.status === "uploading" || e.status === "processing";

/** Uploads still on their way, oldest first. */
export function uploadsInFlight(entries: UploadEntry[]): UploadEntry[] {
  return entries.filter(moving).reverse();
}

/** "Waiting for your upload to finish: clip.mp4 45% (4.5 MB of 10 MB)". */
export function waitingLabel(entries: UploadEntry[]): string {
  const open = entries.filter(moving);
  if (open.length === 0) return "Your uploads have arrived.";
  const parts = open.map((e) =>
    e.status === "processing" ? `${e.name} checking` : `${e.name} ${e.size ? Math.floor((e.loaded / e.size) * 100) : 0}% (${formatBytes(e.loaded)} of ${formatBytes(e.size)})`,
  );
  return `Waiting for ${open.length === 1 ? "your upload" : `${open.length} uploads`} to finish before I start: ${parts.join(", ")}`;
}

/** What to say when uploads the request waited for did not arrive. */
export function failedUploadsSentence(failed: UploadEntry[]): string {
  const each = failed.map((e) => `"${e.name}" ${e.status === "cancelled" ? "was cancelled" : `did not upload (${(e.message ?? "the connection failed").replace(/\.\s*$/, "")})`}`);
  return `I waited for your files, but ${each.join("; ")}. Drop ${failed.length === 1 ? "it" : "them"} again (or pick another file), then send your request again.`;
}

/** Resolves with the entries `ids` once none is moving; `onChange` sees each progress step. */
export function waitForUploads(ids: string[], onChange: (entries: UploadEntry[]) => void, signal: AbortSignal): Promise<UploadEntry[]> {
  return new Promise((resolve, reject) => {
    const pick = () => useUploadsStore.getState().entries.filter((e) => ids.includes(e.id));
    const check = () => {
      const mine = pick();
      onChange(mine);
      if (!mine.some(moving)) {
        stop();
        resolve(mine);
      }
    };
    const unsubscribe = useUploadsStore.subscribe(check);
    const abort = () => {
      stop();
      reject(new DOMException("Stopped", "AbortError"));
    };
    function stop() {
      unsubscribe();
      signal.removeEventListener("abort", abort);
    }
    signal.addEventListener("abort", abort);
    check();
  });
}
