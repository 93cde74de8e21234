import { formatBytes } from "@/lib/client/format";
import type { Lang } from "@/lib/i18n/request-language";
import { translate } from "@/stores/locale";
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
export function waitingLabel(entries: UploadEntry[], lang: Lang = "en"): string {
  const open = entries.filter(moving);
  if (open.length === 0) return translate(lang, "wait.arrived");
  const parts = open.map((e) =>
    e.status === "processing"
      ? translate(lang, "wait.checking", { name: e.name })
      : translate(lang, "wait.progress", {
          name: e.name,
          pct: e.size ? Math.floor((e.loaded / e.size) * 100) : 0,
          loaded: formatBytes(e.loaded),
          size: formatBytes(e.size),
        }),
  );
  const list = parts.join(translate(lang, "wait.list"));
  return open.length === 1
    ? translate(lang, "wait.one", { parts: list })
    : translate(lang, "wait.many", { n: open.length, parts: list });
}

/** What to say when uploads the request waited for did not arrive. */
export function failedUploadsSentence(failed: UploadEntry[], lang: Lang = "en"): string {
  const each = failed.map((e) =>
    e.status === "cancelled"
      ? translate(lang, "wait.cancelled", { name: e.name })
      : translate(lang, "wait.failed", {
          name: e.name,
          why: (e.message ?? translate(lang, "wait.connection")).replace(/[.。]\s*$/, ""),
        }),
  );
  return translate(lang, failed.length === 1 ? "wait.sentenceOne" : "wait.sentenceMany", {
    each: each.join(translate(lang, "wait.join")),
  });
}

/** Resolves with the entries `ids` once none is moving; `onChange` sees each progress step. */
export function waitForUploads(
  ids: string[],
  onChange: (entries: UploadEntry[]) => void,
  signal: AbortSignal,
): Promise<UploadEntry[]> {
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
