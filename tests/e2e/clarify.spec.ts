import { expect, test } from "@playwright/test";
import { makeClip } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

test.use({ viewport: { width: 1440, height: 900 } });

// A cut that could be read both ways is asked, with the two readings as buttons; one
// click answers, and the reply says what went and what stayed (the real agent).

test("an uncertain cut asks with two choices; clicking one does it and says what goes and stays", async ({
  page,
}, info) => {
  test.setTimeout(300_000);
  const clip = makeClip({ seconds: 6, name: "clarify.mp4" });
  const studio = new StudioPage(page);
  await studio.openWith([clip]);
  await studio.addAllToTimeline();
  await expect(studio.segments("video")).toHaveCount(1);

  await studio.sendMessage("please trim 0:02-0:04");
  const question = await studio.waitForReply();
  await expect(question.getByTestId("assistant-text")).toContainText("or keep only 0:02-0:04?");
  await expect(studio.clarifyChoices()).toHaveText(["remove 0:02-0:04", "keep only 0:02-0:04"]);
  await page.screenshot({ path: info.outputPath("clarify-choices.png") });

  await studio.clarifyChoices().first().click();
  await expect(page.locator('[data-testid="chat-message"][data-role="user"]').last()).toHaveText(
    "remove 0:02-0:04",
  );
  const done = await studio.waitForReply();
  await expect(done.getByTestId("assistant-text")).toContainText("0:02-0:04 (2 s) goes");
  await expect(studio.timelineSummary()).toContainText("4");
  // The answered question offers no buttons any more.
  await expect(question.getByTestId("clarify-choice")).toHaveCount(0);
  await page.screenshot({ path: info.outputPath("clarify-answered.png") });
});
