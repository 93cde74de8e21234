import { Queue as BullQueue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";

// The BullMQ side of one process: a Redis connection for commands and publishing, one
// BullMQ queue per lane (exports share "render"; previews have their own), the
// QueueEvents that bring workers' progress and results to the web process (workers open
// none), and the blocking connections BullMQ needs (opened here, closed by close()). A
// Redis outage is logged once, not per retry.

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
// BullMQ keeps its own keys next to job ids (":wait", ":active"...): a prefix keeps any row id clear of them.
export const bullId = (rowId: string) => `job-${rowId}`;
export const rowId = (bullId: string) => bullId.replace(/^job-/, "");

export interface BullmqConnection {
  redis: Redis;
  /** Every lane's queue name. */
  names: string[];
  lanes: Record<string, number>;
  queueName(kind: string): string;
  queueOf(kind: string): BullQueue;
  events: QueueEvents[];
  /** A new connection that waits for Redis (closed by close()). */
  blocking(): Redis;
  onError(what: string): (err: Error) => void;
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function connectBullmq(opts: {
  redisUrl: string;
  prefix: string;
  lanes: Record<string, number>;
  /** Listen to workers' events (the web process); a worker needs none. */
  events?: boolean;
  log(message: string): void;
}): BullmqConnection {
  const { lanes } = opts;
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
  // ioredis retries forever while Redis is down: say so once per outage, not per attempt.
  let outage = false;
  const onError = (what: string) => (err: Error) => {
    if (outage) return;
    outage = true;
    opts.log(`${what}: ${err.message} (retrying until Redis is back)`);
  };
  redis.on("ready", () => (outage = false));
  redis.on("error", onError("redis"));
  const queueName = (kind: string) => `${opts.prefix}-${kind in lanes ? kind : "render"}`;
  const names = [...new Set([queueName(""), ...Object.keys(lanes).map(queueName)])];
  const queues = new Map(
    names.map((n) => [n, new BullQueue(n, { connection: redis }).on("error", onError("queue"))]),
  );
  // Blocking readers need their own connections (BullMQ leaves passed-in ones open).
  const extra: Redis[] = [];
  const blocking = () => {
    const c = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    c.on("error", onError("redis"));
    extra.push(c);
    return c;
  };
  const events = (opts.events === false ? [] : names).map((n) =>
    new QueueEvents(n, { connection: blocking() }).on("error", onError("queue events")),
  );

  return {
    redis,
    names,
    lanes,
    queueName,
    queueOf: (kind) => queues.get(queueName(kind))!,
    events,
    blocking,
    onError,
    async ready() {
      await Promise.all([
        ...[...queues.values()].map((q) => q.waitUntilReady()),
        ...events.map((e) => e.waitUntilReady()),
      ]);
    },
    async close() {
      // With Redis gone, BullMQ's close never resolves: give it two seconds.
      await Promise.race([
        Promise.allSettled([
          ...events.map((e) => e.close()),
          ...[...queues.values()].map((q) => q.close()),
        ]),
        delay(2_000),
      ]);
      extra.forEach((c) => c.disconnect());
      redis.disconnect();
    },
  };
}
