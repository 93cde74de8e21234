// Timeline interaction benchmark (not part of the test suite): an hour-long clip cut into
// 1, 10, 100 and 1,000 segments, driven in Debian's Chromium with Playwright against a
// production server. For each size it measures, inside the page, the time from a
// pointer press to the frame that shows the result:
//   click -> playhead moved (ruler click), zoom in (each step up to the most zoom),
//   zoom to fit, and scroll (two screens at a deep zoom) -> the newly visible clips drawn,
// with the segments actually in the DOM (virtualization) and the renderer's peak RSS
// (VmHWM of the page's renderer process; a fresh browser per size) and JS heap.
// Ratios are against the 1-segment timeline measured in the same run.
//
//   npx next build && flock /tmp/vso-heavy.lock npx tsx bench/timeline.ts
//
// BENCH_TIMELINE_PORT (default 3170), BENCH_TIMELINE_SIZES ("1,10,100,1000"),
// BENCH_TIMELINE_MINUTES (60), BENCH_ROUNDS (15 clicks / scrolls per size),
// BENCH_SCREENSHOT_DIR (a picture of the timeline at "fit" per size).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";

const PORT = Number(process.env.BENCH_TIMELINE_PORT ?? 3170);
const SIZES = (process.env.BENCH_TIMELINE_SIZES ?? "1,10,100,1000").split(",").map(Number);
const MINUTES = Number(process.env.BENCH_TIMELINE_MINUTES ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const root = path.resolve(__dirname, "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-timeline-"));
const base = `http://localhost:${PORT}`;
let server: ChildProcess | null = null;

function makeHourClip(): string {
  const file = path.join(work, `hour-${MINUTES}.mp4`);
  const sec = MINUTES * 60;
  execFileSync("ffmpeg", [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    `testsrc2=size=160x90:rate=5:duration=${sec}`,
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=220:sample_rate=16000:duration=${sec}`,
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-g",
    "50",
    "-c:a",
    "aac",
    "-b:a",
    "24k",
    "-ac",
    "1",
    "-shortest",
    file,
  ]);
  return file;
}

async function startServer(): Promise<void> {
  const dataDir = path.join(work, "data");
  server = spawn("node", ["scripts/server.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(PORT),
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      BACKEND: "local",
      TOKEN_RATE_LIMIT: "100000",
      SESSION_PASSWORD: "bench-session-password-that-is-long-enough-123",
      MAX_UPLOAD_MB: "500",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the app server did not start");
}

const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });

/** Peak RSS (MB) of the largest renderer process under the browser. */
function rendererPeakMb(browser: Browser): number {
  const pid = (browser as unknown as { process(): ChildProcess | null }).process?.()?.pid;
  let best = 0;
  for (const p of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, "utf8");
      if (!cmd.includes("--type=renderer")) continue;
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      if (pid && ppid !== pid && !isDescendant(ppid, pid)) continue;
      best = Math.max(best, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // the process ended while we looked
    }
  }
  return best;
}

function isDescendant(pid: number, ancestor: number): boolean {
  for (let i = 0; i < 6 && pid > 1; i++) {
    if (pid === ancestor) return true;
    pid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  }
  return false;
}

/** Arms a watcher in the page, acts, and returns the ms from the press to the frame after the change (-1: none in 5 s). */
async function timed(page: Page, arm: string, act: () => Promise<void>): Promise<number> {
  // The trailing 0: evaluate would otherwise wait for the promise the script leaves behind.
  await page.evaluate(`${arm}\n0`);
  await act();
  return page.evaluate("window.__lat");
}

const ARM_CLICK = `window.__lat = new Promise((resolve) => {
  const ruler = document.querySelector('[data-testid="timeline-ruler"]');
  const head = document.querySelector('[data-testid="playhead"]');
  let t0 = 0;
  ruler.addEventListener("pointerdown", () => { t0 = performance.now(); }, { once: true, capture: true });
  const mo = new MutationObserver(() => { mo.disconnect(); requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0)); });
  mo.observe(head, { attributes: true, attributeFilter: ["style"] });
  setTimeout(() => resolve(-1), 5000);
});`;

const armZoom = (button: string) => `window.__lat = new Promise((resolve) => {
  const btn = document.querySelector('[data-testid="${button}"]');
  const tl = document.querySelector('[data-testid="timeline"]');
  let t0 = 0;
  btn.addEventListener("pointerdown", () => { t0 = performance.now(); }, { once: true, capture: true });
  const mo = new MutationObserver(() => { mo.disconnect(); requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0)); });
  mo.observe(tl, { attributes: true, attributeFilter: ["data-zoom"] });
  setTimeout(() => resolve(-1), 5000);
});`;

const ARM_SCROLL = `window.__lat = new Promise((resolve) => {
  const sc = document.querySelector('[data-testid="timeline-scroller"]');
  const track = document.querySelector('[data-testid="track"][data-track-type="video"]');
  const mo = new MutationObserver(() => { mo.disconnect(); requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0)); });
  mo.observe(track, { childList: true, subtree: true });
  const t0 = performance.now();
  sc.scrollLeft += sc.clientWidth * 2;
  setTimeout(() => resolve(-1), 5000);
});`;

const median = (xs: number[]) => {
  const s = xs.filter((x) => x >= 0).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const p95 = (xs: number[]) => {
  const s = xs.filter((x) => x >= 0).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] : NaN;
};

async function prepare(page: Page, clip: string): Promise<void> {
  await page.goto(base);
  await page
    .getByTestId("connection-status")
    .filter({ hasText: "Ready" })
    .waitFor({ timeout: 60_000 });
  await page.getByTestId("file-input").setInputFiles(clip);
  await page.getByTestId("media-item").first().waitFor({ timeout: 300_000 });
  for (let i = 0; i < 600; i++) {
    const s = (await (await page.request.get(`${base}/api/state`)).json()) as {
      media: { filmstripUrl?: string | null; peaksUrl?: string | null }[];
    };
    if (s.media[0]?.filmstripUrl && s.media[0]?.peaksUrl) break;
    await page.waitForTimeout(1000);
  }
  const res = await page.request.post(`${base}/api/state/ops`, {
    data: { ops: [{ op: "add_clips" }] },
  });
  if (!res.ok()) throw new Error(`add_clips: ${res.status()} ${await res.text()}`);
}

/** Cuts the hour into `n` equal segments (the earlier, coarser cuts are a subset). */
async function cutInto(page: Page, n: number, done: Set<number>): Promise<void> {
  const total = MINUTES * 60_000;
  const ats: number[] = [];
  for (let i = 1; i < n; i++) {
    const ms = Math.round((i * total) / n);
    if (!done.has(ms)) ats.push(ms);
  }
  for (let i = 0; i < ats.length; i += 50) {
    const ops = ats.slice(i, i + 50).map((ms) => ({ op: "split", at: ms / 1000 }));
    const res = await page.request.post(`${base}/api/state/ops`, { data: { ops } });
    if (!res.ok()) throw new Error(`split: ${res.status()} ${await res.text()}`);
  }
  for (const a of ats) done.add(a);
}

interface Row {
  n: number;
  inDom: number;
  /** Elements the video track holds at "fit". */
  fitDom: number;
  click: number[];
  zoom: number[];
  fit: number[];
  scroll: number[];
  rssMb: number;
  heapMb: number;
}

type Cookies = Awaited<ReturnType<ReturnType<Page["context"]>["cookies"]>>;

async function measure(clip: string, n: number, cookies: Cookies): Promise<Row> {
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForFunction(
    (k) =>
      Number(
        document
          .querySelector('[data-testid="track"][data-track-type="video"]')
          ?.getAttribute("data-count"),
      ) === k,
    n,
    { timeout: 120_000 },
  );
  void clip;
  const ruler = page.getByTestId("timeline-ruler");
  const box = (await ruler.boundingBox())!;
  const click: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const x = box.x + 10 + ((i * 0.6180339) % 1) * (box.width - 20);
    click.push(await timed(page, ARM_CLICK, () => page.mouse.click(x, box.y + box.height / 2)));
  }
  const zoom: number[] = [];
  const fit: number[] = [];
  for (let round = 0; round < 2; round++) {
    while (await page.getByTestId("zoom-in").isEnabled())
      zoom.push(await timed(page, armZoom("zoom-in"), () => page.getByTestId("zoom-in").click()));
    fit.push(await timed(page, armZoom("zoom-fit"), () => page.getByTestId("zoom-fit").click()));
  }
  // Elements the video track draws at "fit" (clips, slivers and runs of slivers).
  const fitDom = await page.locator('[data-testid="track"][data-track-type="video"] > *').count();
  if (process.env.BENCH_SCREENSHOT_DIR)
    await page
      .getByTestId("timeline")
      .screenshot({ path: path.join(process.env.BENCH_SCREENSHOT_DIR, `timeline-fit-${n}.png`) });
  // Scroll at 64x: an hour is ~60,000 px wide there.
  for (let i = 0; i < 6; i++) await page.getByTestId("zoom-in").click();
  await page.getByTestId("timeline-scroller").evaluate((el) => (el.scrollLeft = 0));
  const scroll: number[] = [];
  for (let i = 0; i < ROUNDS; i++)
    scroll.push(await timed(page, ARM_SCROLL, async () => undefined));
  const inDom = await page
    .locator('[data-testid="track"][data-track-type="video"] [data-testid="segment"]')
    .count();
  const heapMb = await page.evaluate(
    () =>
      ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
        0) /
      2 ** 20,
  );
  const rssMb = rendererPeakMb(browser);
  await browser.close();
  return { n, inDom, fitDom, click, zoom, fit, scroll, rssMb, heapMb };
}

async function main() {
  console.log(`Making a ${MINUTES}-minute clip...`);
  const clip = makeHourClip();
  await startServer();
  const setup = await launch();
  const page = await (await setup.newContext()).newPage();
  await prepare(page, clip);
  const done = new Set<number>();
  const rows: Row[] = [];
  for (const n of SIZES) {
    await cutInto(page, n, done);
    const row = await measure(clip, n, await page.context().cookies());
    rows.push(row);
    console.log(`measured ${n} segments`);
  }
  await setup.close();
  const b = rows[0];
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "-");
  const r = (x: number, y: number) =>
    Number.isFinite(x) && y > 0 ? `${(x / y).toFixed(2)}x` : "-";
  console.log(
    `\n${MINUTES}-minute timeline, ${ROUNDS} rounds; times in ms (median / p95) from pointer press to the frame after; ratio = median against ${b.n} segment(s)`,
  );
  console.log(
    "| segments | in DOM | click -> playhead | ratio | zoom step | ratio | zoom to fit | scroll 2 screens | ratio | renderer peak RSS | JS heap |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const row of rows) {
    console.log(
      `| ${row.n} | ${row.inDom} | ${f(median(row.click))} / ${f(p95(row.click))} | ${r(median(row.click), median(b.click))} | ${f(median(row.zoom))} / ${f(p95(row.zoom))} | ${r(median(row.zoom), median(b.zoom))} | ${f(median(row.fit))} (${row.fitDom} elements) | ${f(median(row.scroll))} / ${f(p95(row.scroll))} | ${r(median(row.scroll), median(b.scroll))} | ${row.rssMb.toFixed(0)} MB | ${row.heapMb.toFixed(1)} MB |`,
    );
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    server?.kill("SIGTERM");
    fs.rmSync(work, { recursive: true, force: true });
  });
