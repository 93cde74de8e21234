// Test support only: a server process that starts an export and reports once ffmpeg is
// producing output, so the test can kill it (SIGKILL) mid-render. argv: dataDir clip.
import { makeDraft } from "./test-drafts";
import { recordFor } from "./test-records";
import { addMedia, setDraft, testEngine, visitor } from "./test-engine";

const [dataDir, clip] = process.argv.slice(2);
const engine = testEngine(dataDir);
const { tokenId, sessionId } = visitor(engine);
const media = { ...recordFor(clip, "video", "med_long") };
addMedia(engine, sessionId, media);
setDraft(
  engine,
  sessionId,
  makeDraft({
    video: [{ src: "med_long", out: media.probe.durationMs }],
    text: [{ text: "Slow title", d: 2000 }],
  }),
);
const job = engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: false });
engine.exports.subscribe(job.id, (j) => {
  if (j.status === "processing" && j.progress > 5) {
    process.stdout.write(`${JSON.stringify({ jobId: j.id, tokenId, sessionId })}\n`);
  }
});
