import { Readable } from "node:stream";

// A web ReadableStream (a route handler's request body) as a Node stream, reading ahead
// up to 1 MB. Node's Readable.fromWeb reads one chunk per 16 KB of demand, which costs
// about a quarter of the upload throughput at 500 MB; this keeps the socket busy while
// busboy and the disk work.
export function readableFromWeb(
  body: ReadableStream<Uint8Array>,
  highWaterMark = 1024 * 1024,
): Readable {
  const reader = body.getReader();
  let reading = false;
  return new Readable({
    highWaterMark,
    read() {
      if (reading) return;
      reading = true;
      const pump = async () => {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return void this.push(null);
            if (!this.push(value)) return;
          }
        } catch (err) {
          this.destroy(err as Error);
        } finally {
          reading = false;
        }
      };
      void pump();
    },
    destroy(err, callback) {
      reader.cancel(err ?? undefined).catch(() => undefined);
      callback(err);
    },
  });
}
