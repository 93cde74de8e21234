import fs from "node:fs";
import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import { makeClip, mediaDir } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";
import { TimelinePage } from "./pages/timeline-page";

test.use({ viewport: { width: 1440, height: 900 } });

// axe-core on the studio with a clip, captions and a title on the timeline, in light and
// dark mode. axe.min.js is injected by hand (@axe-core/playwright needs a newer Node).

const axeSource = fs.readFileSync(createRequire(__filename).resolve("axe-core/axe.min.js"), "utf8");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function axe(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> };
      }
    ).axe.run;
    return (await run(document, { resultTypes: ["violations"] })).violations;
  });
  return result;
}

const serious = (vs: Violation[]) =>
  vs.filter((v) => v.impact === "serious" || v.impact === "critical");
const describe = (vs: Violation[]) =>
  vs
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `  ${n.target.join(" ")} ${n.failureSummary ?? ""}`)
          .join("\n")}`,
    )
    .join("\n");

for (const scheme of ["light", "dark"] as const) {
  test(`no serious or critical axe violations in ${scheme} mode with a clip, captions and a title`, async ({
    page,
  }, info) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    const clip = makeClip({ seconds: 4, name: `a11y-${scheme}.mp4` });
    const srt = `${mediaDir()}/a11y.srt`;
    fs.writeFileSync(
      srt,
      "1\n00:00:00,200 --> 00:00:01,500\nHello there\n\n2\n00:00:01,800 --> 00:00:03,000\nSecond line\n",
    );
    const studio = new StudioPage(page);
    const tl = new TimelinePage(page);
    await studio.openWith([clip]);
    await studio.sendMessage('add a title "Welcome" at the start');
    await studio.waitForReply();
    await page.getByTestId("captions-file-input").setInputFiles(srt);
    await expect(tl.textBlocks()).toHaveCount(3);
    await tl.clips().first().click();
    await page.screenshot({ path: info.outputPath(`studio-${scheme}.png`) });
    const found = await axe(page);
    fs.writeFileSync(info.outputPath(`axe-${scheme}.txt`), describe(found));
    expect(serious(found), describe(serious(found))).toEqual([]);
  });
}
