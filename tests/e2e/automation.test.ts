// Automation against the built app, on an instance of its own: its clock is injected
// (DESK_CLOCK_FILE) and jumped days ahead, which would let the default rules act on the shared demo
// organisation's requests that the other browser tests expect as they are. Erin files a cleaning
// request, Frank puts it in "waiting on requester"; the default rules of Facilities remind her at 3
// business days, resolve it at 10 with a notice, and close it 7 days after that. Fiona's rules page
// and Frank's request page pass axe at 1366 and 390 px.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppHandle } from "../support/app-server";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { launchBrowser, newPersonPage, screenshot, signInViaDemo } from "../support/browser";
import { fileCleaning } from "../support/e2e-requests";

const DAY = 86_400_000;
const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "desk-clock-")), "now");
const setClock = (at: Date) => fs.writeFileSync(clockFile, at.toISOString());
const start = Date.now();

let app: AppHandle;
let browser: Browser;
let reference = "";

beforeAll(async () => {
  app = await startApp({ name: "e2e-automation", env: { DESK_CLOCK_FILE: clockFile, DESK_AUTOMATION_SWEEP_SECONDS: "1", DESK_SIGNIN_RATE_PER_IP: "100000" } });
  browser = await launchBrowser();
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function as(name: string): Promise<Page> {
  const { page } = await newPersonPage(browser, app.baseUrl);
  await signInViaDemo(page, name);
  return page;
}

async function axeAtBothWidths(page: Page, name: string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSeriousA11yViolations(page, `${name} at ${width} px`);
    await screenshot(page, `${name.replace(/\W+/g, "-")}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Reloads the page until the condition holds (the sweep runs every second on the injected clock). */
async function reloadUntil(page: Page, condition: () => Promise<boolean>) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return condition();
      },
      // A step waits for the next sweep and the job queue on a shared machine: 70 s in all on a quiet
      // one, and one 60 s wait ran out while a benchmark loaded the database.
      { timeout: 120_000, interval: 1000 },
    )
    .toBe(true);
}

describe.sequential("automation with an injected clock", () => {
  it("the head sees the built-in rules of Facilities, on, in their order", async () => {
    const fiona = await as("Fiona Hall");
    await fiona.goto("/settings/FAC/automation");
    await fiona.getByRole("heading", { level: 1, name: "Facilities automation" }).waitFor();
    const rules = fiona.getByTestId("automation-rule");
    await expect.poll(() => rules.count()).toBe(3);
    await expect.poll(() => rules.nth(0).textContent()).toContain("Remind the requester after 3 business days");
    await expect.poll(() => rules.nth(1).textContent()).toContain("Resolve after 7 more business days without an answer");
    await expect.poll(() => rules.nth(2).textContent()).toContain("Close resolved requests after 7 days");
    await axeAtBothWidths(fiona, "automation settings");
  });

  it("a request waiting on its requester is reminded at 3 business days, resolved at 10, then closed", async () => {
    const erin = await as("Erin Evans");
    reference = await fileCleaning(erin, { title: `Spill in the kitchen (${start.toString(36)})`, description: "Coffee on the floor", location: "Kitchen 2" });

    const frank = await as("Frank Fischer");
    await frank.goto(`/requests/${reference}`);
    const work = frank.locator("form", { has: frank.getByRole("button", { name: "Save changes" }) });
    await work.getByLabel("Status", { exact: true }).selectOption({ label: "Waiting on requester" });
    await work.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => work.getByLabel("Status", { exact: true }).inputValue()).toBe("WAITING_ON_REQUESTER");
    const timeline = frank.getByRole("main");

    // A week on: at least 3 business days (and fewer than 10) have passed: the requester is reminded.
    setClock(new Date(start + 7 * DAY));
    await reloadUntil(frank, async () => (await timeline.getByText("we are still waiting for your answer").count()) > 0);
    expect(await work.getByLabel("Status", { exact: true }).inputValue()).toBe("WAITING_ON_REQUESTER");

    // Twenty days on: at least 10 business days: resolved, with a notice.
    setClock(new Date(start + 20 * DAY));
    await reloadUntil(frank, async () => (await work.getByLabel("Status", { exact: true }).inputValue()) === "RESOLVED");
    await timeline.getByText("so we are resolving it").first().waitFor();
    const log = frank.getByTestId("automation-log");
    await log.getByText("Remind the requester after 3 business days").waitFor();
    await log.getByText("Resolve after 7 more business days without an answer").waitFor();
    await axeAtBothWidths(frank, "request with automation log");

    // Seven days after the rule resolved it: closed (the reopen window's own clock is not this one).
    setClock(new Date(start + 28 * DAY));
    await reloadUntil(frank, async () => (await frank.getByText("Closed", { exact: true }).count()) > 0 && (await log.getByText("Close resolved requests after 7 days").count()) > 0);

    // Erin saw the reminder and the notice; the automation log is not hers to read.
    await erin.goto(`/requests/${reference}`);
    await erin.getByText("we are still waiting for your answer").waitFor();
    expect(await erin.getByTestId("automation-log").count()).toBe(0);
  }, 420_000);
});
