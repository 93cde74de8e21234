// Test support only: a server process (in-process queue) that starts a chunked export and
// prints its ids, so the test can kill it (SIGKILL) once some chunks are finished.
// argv: dataDir pieces.
import { testEngine } from "@/tests/support/engine/test-engine";
import { chunkedProject } from "./chunked-export";

const [dataDir, pieces] = process.argv.slice(2);
const engine = testEngine(dataDir, { RENDER_CHUNK_SECONDS: "1", RENDER_CONCURRENCY: "1" });
const { tokenId, sessionId } = chunkedProject(engine, Number(pieces));
const job = engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: false });
process.stdout.write(`${JSON.stringify({ jobId: job.id, tokenId, sessionId })}\n`);
