// axe-core on the main pages, as the people who use them see them, against the built app on the
// embedded demo organisation: no serious or critical violations (moderate and minor ones are
// printed). Each page waits for its own content before axe runs, so the check sees the real page.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { launchBrowser, newPersonPage, screenshot, signInViaDemo } from "../support/browser";
import { people } from "../support/e2e-people";
import { fileCleaning } from "../support/e2e-requests";

const baseUrl = inject("baseUrl");
const run = Date.now().toString(36);
const title = `Spilled coffee by the lifts (a11y ${run})`;

let browser: Browser;
const contexts: BrowserContext[] = [];
/** The page a test is acting on, screenshotted if the test fails. */
let current: Page | undefined;

async function pageFor(): Promise<Page> {
  const { context, page } = await newPersonPage(browser, baseUrl);
  contexts.push(context);
  current = page;
  return page;
}

async function as(name: string): Promise<Page> {
  const page = await pageFor();
  await signInViaDemo(page, name);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async ({ task }) => {
  if (task.result?.state === "fail" && current) await screenshot(current, `failed-a11y-${task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`).catch(() => {});
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

describe.sequential("accessibility of the main pages (axe: no serious or critical violations)", () => {
  let erin: Page;
  let frank: Page;
  let reference = "";

  it("sign-in page", async () => {
    const page = await pageFor();
    await page.goto("/signin");
    await page.getByRole("heading", { level: 1, name: "Sign in to the service desk" }).waitFor();
    await page.getByRole("button", { name: new RegExp(`^${people.erin.name}\\b`) }).waitFor();
    await expectNoSeriousA11yViolations(page, "sign-in");
    // The demo's good people to start with come first, each with what to look at, and each person is
    // listed once; a filter searches everyone (the tour steps aside).
    const tour = page.getByRole("region", { name: "Good people to start with" });
    await expect.poll(() => tour.getByRole("button").count()).toBe(6);
    expect(await tour.getByRole("button", { name: /^Hana Horvat\b/ }).innerText()).toMatch(/organisation heat map/);
    expect(await page.getByRole("button", { name: /^Hana Horvat\b/ }).count()).toBe(1);
    await page.getByPlaceholder(/Filter by name/).fill("hana");
    await expect.poll(() => tour.count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Hana Horvat\b/ }).count()).toBe(1);
  });

  it("catalogue", async () => {
    erin = await as(people.erin.name);
    await erin.goto("/catalog");
    await erin.locator('main a[href^="/catalog/FAC/"]').first().waitFor();
    await expectNoSeriousA11yViolations(erin, "catalogue");
  });

  it("a request type's form, empty and with its errors shown", async () => {
    current = erin;
    await erin.goto("/catalog/FAC/cleaning");
    const titleBox = erin.getByRole("textbox", { name: "Title", exact: true });
    await titleBox.waitFor();
    await expectNoSeriousA11yViolations(erin, "request form");

    await erin.getByRole("button", { name: "Send request" }).click();
    await expect.poll(() => titleBox.getAttribute("aria-invalid")).toBe("true");
    await expectNoSeriousA11yViolations(erin, "request form with errors");
  });

  it("a request page, as its requester", async () => {
    current = erin;
    reference = await fileCleaning(erin, { title, description: "Coffee all over the floor by the lifts on floor 2.", location: "Berlin HQ, floor 2" });
    await erin.getByRole("heading", { level: 1, name: title }).waitFor();
    await erin.getByTestId("timeline").waitFor();
    await expectNoSeriousA11yViolations(erin, "request page (requester)");
  });

  it("my requests", async () => {
    current = erin;
    await erin.goto("/requests?show=all");
    await erin.getByRole("heading", { name: "My requests" }).waitFor();
    await erin.locator(`main a[href="/requests/${reference}"]`).waitFor();
    await expectNoSeriousA11yViolations(erin, "my requests");
  });

  it("search results", async () => {
    current = erin;
    await erin.goto(`/search?q=${encodeURIComponent("coffee")}`);
    await erin.getByRole("heading", { name: "Search" }).waitFor();
    await erin.locator(`main a[href="/requests/${reference}"]`).first().waitFor();
    await expectNoSeriousA11yViolations(erin, "search results");
  });

  it("the agent queue", async () => {
    frank = await as(people.frank.name);
    await frank.goto("/queue/FAC");
    await frank.getByRole("heading", { name: "Facilities queue" }).waitFor();
    await frank.locator("table[aria-label='Requests in this queue'] tbody tr").first().waitFor();
    await expectNoSeriousA11yViolations(frank, "agent queue");
  });

  it("a request page, as an agent of its department", async () => {
    current = frank;
    await frank.goto(`/requests/${reference}`);
    await frank.getByRole("heading", { level: 1, name: title }).waitFor();
    const box = frank.getByLabel("Reply or add a note");
    await box.fill(`We are on it (a11y ${run}).`);
    await frank.getByRole("button", { name: "Send public reply" }).click();
    await frank.getByTestId("timeline").getByText(`We are on it (a11y ${run}).`).waitFor();
    await frank.getByRole("button", { name: "Save changes" }).waitFor();
    await expectNoSeriousA11yViolations(frank, "request page (agent)");
  });

  it("notifications", async () => {
    current = erin;
    await erin.goto("/notifications");
    await erin.getByRole("heading", { name: "Notifications" }).waitFor();
    await expectNoSeriousA11yViolations(erin, "notifications");
  });

  it("notification settings", async () => {
    current = erin;
    await erin.goto("/account/notifications");
    await erin.getByRole("heading", { name: "Notification settings" }).waitFor();
    await erin.locator("main form").first().waitFor();
    await expectNoSeriousA11yViolations(erin, "notification settings");
  });

  it("approvals", async () => {
    current = erin;
    await erin.goto("/approvals");
    await erin.getByRole("heading", { level: 1, name: "Approvals" }).waitFor();
    await erin.getByRole("heading", { name: "My delegate" }).waitFor();
    await expectNoSeriousA11yViolations(erin, "approvals");
  });

  it("API tokens", async () => {
    current = erin;
    await erin.goto("/account/tokens");
    await erin.getByRole("heading", { name: "API tokens" }).waitFor();
    await erin.getByRole("heading", { name: "New token" }).waitFor();
    await expectNoSeriousA11yViolations(erin, "API tokens");
  });

  let fiona: Page;

  it("the head's SLA settings", async () => {
    fiona = await as("Fiona Hall");
    await fiona.goto("/settings/FAC/sla");
    await fiona.getByRole("heading", { name: "Facilities service levels" }).waitFor();
    await fiona.getByText("Office hours").first().waitFor();
    await expectNoSeriousA11yViolations(fiona, "SLA settings");
  });

  it("the head's webhooks", async () => {
    current = fiona;
    await fiona.goto("/settings/FAC/webhooks");
    await fiona.getByRole("heading", { name: "Facilities webhooks" }).waitFor();
    await fiona.getByRole("heading", { name: "New webhook" }).waitFor();
    await expectNoSeriousA11yViolations(fiona, "webhooks");
  });

  it("the head's automation rules", async () => {
    current = fiona;
    await fiona.goto("/settings/FAC/automation");
    await fiona.getByRole("heading", { name: "Facilities automation" }).waitFor();
    await fiona.getByText("Remind the requester after 3 business days").first().waitFor();
    await expectNoSeriousA11yViolations(fiona, "automation settings");
  });

  it("the head's SLA compliance report", async () => {
    current = fiona;
    await fiona.goto("/insights/FAC/sla");
    await fiona.getByRole("heading", { name: "Facilities: SLA compliance" }).waitFor();
    await fiona.getByRole("table").first().waitFor();
    await expectNoSeriousA11yViolations(fiona, "SLA report");
  });

  it("admin: people", async () => {
    const ada = await as("Ada Admin");
    await ada.goto("/admin/people");
    await ada.getByRole("heading", { name: "People" }).waitFor();
    await ada.getByRole("table").first().waitFor();
    await expectNoSeriousA11yViolations(ada, "admin people");
    await ada.goto("/admin/scim");
    await ada.getByRole("heading", { name: "Directory sync (SCIM)" }).waitFor();
    await expectNoSeriousA11yViolations(ada, "admin SCIM");
  });

  it("admin: organisation time zone (a bad zone is said beside the field; nothing is saved)", async () => {
    const ada = await as("Ada Admin");
    await ada.goto("/admin/organisation");
    await ada.getByRole("heading", { level: 1, name: "Organisation" }).waitFor();
    await ada.getByTestId("last-published").getByText(/Last published month: \w+ \d{4} \(UTC\)/).waitFor();
    const field = ada.getByLabel("Organisation time zone");
    expect(await field.inputValue()).toBe("UTC");
    await field.fill("Mars/Olympus");
    await ada.getByRole("button", { name: "Save time zone" }).click();
    await ada.getByText(/is not a time zone/).waitFor();
    await expectNoSeriousA11yViolations(ada, "admin organisation");
    await ada.reload();
    expect(await ada.getByLabel("Organisation time zone").inputValue()).toBe("UTC");
  });
});
