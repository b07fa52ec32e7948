// Experience in a real browser against the built app: Erin rates a resolved Facilities repair 2,
// ticks "Had to chase", says it cost her 1–4 hours and asks to be contacted; Fiona (head of
// Facilities) finds the complaint with Erin's name, notes that she called her and closes it with
// what was done; Erin reads the outcome under "My complaints" and says she feels heard. Along the
// way: what to expect before filing, and the head's experience view.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import path from "node:path";
import { artifactsDir } from "../support/app-server";
import { screenshot } from "../support/browser";
import { people } from "../support/e2e-people";
import { browserSession } from "../support/e2e-session";

const session = browserSession({ failurePrefix: "experience" });
const run = Date.now().toString(36);
const title = `Meeting room 3.01 blinds stuck (${run})`;
const comment = `I had to chase this three times before anyone came (${run}).`;
const told = `We fixed the blinds and changed how repairs are triaged (${run}).`;

let erin: Page;
let fiona: Page;
let reference = "";
/** The year holding the last closed month: its closed months are published (the job runs minutes after a month ends). */
const lastYear = String(new Date().getUTCFullYear() - (new Date().getUTCMonth() === 0 ? 1 : 0));
const currentMonthLabel = new Date().toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/**
 * A trend's charts as drawn: its table alternative lists one row per published month, the open
 * month is not among them, the line of satisfaction is broken exactly where a month was withheld
 * (one SVG path segment per run of shown months: never joined across a gap), and focusing the chart
 * shows the first month's values, the arrow keys the next.
 */
/** The trend alone (the organisation's page is many screens tall): what a person sees of the charts. */
const trendShot = (page: Page, id: string, name: string) => page.getByTestId(id).screenshot({ path: path.join(artifactsDir, `${name}.png`) });

async function checkTrend(page: Page, id: string) {
  const trend = page.getByTestId(id);
  await trend.getByText("The charts' figures as a table").click();
  const rows = trend.getByRole("table").locator("tbody tr");
  await rows.first().waitFor();
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent ?? "")));
  expect(cells.length).toBeGreaterThan(0);
  expect(cells.map((c) => c[0])).not.toContain(currentMonthLabel);
  const withheld = cells.filter((c) => c[1] === "Not enough responses").map((c) => c[0]);
  if (withheld.length) expect(await trend.getByTestId(`${id}-gaps`).textContent()).toContain(`Not enough responses: ${withheld.join(", ")}`);
  else expect(await trend.getByTestId(`${id}-gaps`).count()).toBe(0);
  const runs = cells.map((c) => c[1] !== "Not enough responses").reduce((n, shown, i, all) => n + (shown && (i === 0 || !all[i - 1]) ? 1 : 0), 0);
  const chart = trend.getByTestId(`${id}-satisfaction`);
  const surface = chart.locator("svg.recharts-surface[tabindex='0']");
  await surface.waitFor();
  if (runs > 0) {
    const d = (await chart.locator(".recharts-line-curve").first().getAttribute("d")) ?? "";
    expect(d.match(/M/g)?.length ?? 0).toBe(runs);
  }
  await surface.focus();
  const values = chart.getByTestId("trend-values");
  await expect.poll(() => values.textContent()).toContain(cells[0]![0]);
  expect(await values.textContent()).toMatch(/Share 4–5: (\d+(\.\d)? %|Not enough responses)/);
  expect(await values.textContent()).toMatch(/SLA compliance: (\d+(\.\d)? %|No SLA clock decided)/);
  if (cells.length > 1) {
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => values.textContent()).toContain(cells[1]![0]);
  }
}

describe.sequential("experience and complaints", () => {
  it("says what to expect before filing, from recent history, beside the target", async () => {
    erin = await session.as(people.erin.name);
    await erin.goto("/catalog/FAC/repair");
    const expectation = erin.getByTestId("type-expectation");
    await expect.poll(() => expectation.textContent()).toMatch(/Usually answered within \d+ working (minutes?|hours?|days?); 80 % resolved within \d+ working (hours?|days?) \(last 90 days, \d+ requests\)/);
    expect(await expectation.textContent()).toMatch(/Target: first reply within/);
    await erin.goto("/catalog");
    expect(await erin.getByTestId("type-expectation").count()).toBeGreaterThan(10);
  });

  it("Erin rates a resolved repair 2 with 'had to chase', time lost and consent to be contacted", async () => {
    await erin.goto("/catalog/FAC/repair");
    await erin.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await erin.getByRole("textbox", { name: "What do you need?", exact: true }).fill("The blinds will not go up.");
    await erin.locator("#field-location").fill("Berlin HQ, 3.01");
    await erin.locator("#field-category").selectOption({ index: 1 });
    await erin.getByRole("button", { name: "Send request" }).click();
    await erin.waitForURL(/\/requests\/FAC-\d+\?filed=1$/);
    reference = /\/requests\/(FAC-\d+)/.exec(erin.url())![1]!;

    const frank = await session.as(people.frank.name);
    await frank.goto(`/requests/${reference}`);
    const work = frank.locator("form", { has: frank.getByRole("button", { name: "Save changes" }) });
    await work.getByLabel("Status", { exact: true }).selectOption({ label: "Resolved" });
    await work.getByRole("button", { name: "Save changes" }).click();
    await frank.getByTestId("timeline").getByText(/changed the status from .+ to Resolved/).waitFor();

    session.actingOn(erin);
    await erin.goto(`/requests/${reference}`);
    const card = erin.getByTestId("rating");
    // Nothing pre-selected; reasons appear for the chosen score's band; consent only at 1-2.
    expect(await card.getByRole("checkbox", { name: "Had to chase" }).count()).toBe(0);
    await card.getByRole("radio", { name: /^5\b/ }).check();
    await card.getByRole("checkbox", { name: "Kept me informed" }).waitFor();
    expect(await card.getByRole("checkbox", { name: /contact me/ }).count()).toBe(0);
    await card.getByRole("radio", { name: /^2\b/ }).check();
    await card.getByRole("checkbox", { name: "Had to chase" }).check();
    await card.getByRole("radio", { name: "1–4 hours" }).check();
    await card.getByRole("checkbox", { name: /contact me/ }).check();
    await card.getByRole("textbox", { name: /Comment/ }).fill(comment);
    await screenshot(erin, "experience-rating-form");
    await card.getByRole("button", { name: "Send rating" }).click();
    await card.getByRole("heading", { name: "Your rating" }).waitFor();
  });

  it("Fiona, head of Facilities, sees who complained and follows up; the request's agents do not", async () => {
    fiona = await session.as("Fiona Hall");
    await fiona.goto("/insights/FAC/complaints");
    const row = fiona.getByRole("row", { name: new RegExp(reference) });
    await row.waitFor();
    expect(await row.textContent()).toContain(people.erin.name);
    expect(await row.textContent()).toContain(comment);
    await row.getByRole("link", { name: reference }).click();
    await fiona.getByTestId("complaint").waitFor();
    expect(await fiona.getByTestId("complaint").textContent()).toMatch(/had to chase/);
    await fiona.getByRole("textbox", { name: "Note" }).fill("Called Erin, blinds fixed this afternoon.");
    await fiona.getByRole("checkbox", { name: "I contacted the person" }).check();
    await fiona.getByRole("button", { name: "Add note" }).click();
    await fiona.getByText("Called Erin, blinds fixed this afternoon.").last().waitFor();
    await expect.poll(() => fiona.getByTestId("complaint-state").textContent()).toMatch(/^Contacted/);
    // Closing without saying what was done is refused beside the field.
    await fiona.getByRole("radio", { name: "Resolved with the person" }).check();
    await fiona.getByRole("button", { name: "Close and tell them" }).click();
    await expect.poll(() => fiona.locator("#c-message-error").textContent()).toMatch(/Tell the person what was done/);
    await fiona.getByRole("textbox", { name: "What the person is told" }).fill(told);
    await fiona.getByRole("button", { name: "Close and tell them" }).click();
    await expect.poll(() => fiona.getByTestId("complaint-state").textContent(), { timeout: 15_000 }).toMatch(/^Closed/);
    await screenshot(fiona, "experience-complaint-head");

    const frank = await session.as(people.frank.name);
    const response = await frank.goto("/insights/FAC/complaints");
    expect(response?.status()).toBe(404);
  });

  it("Erin sees what was done and says she feels heard", async () => {
    session.actingOn(erin);
    await erin.goto("/my-complaints");
    const mine = erin.getByTestId("my-complaint").filter({ hasText: reference });
    await mine.getByText(told).waitFor();
    expect(await mine.textContent()).toContain("Resolved with the person");
    await mine.getByRole("radio", { name: "Yes" }).check();
    await mine.getByRole("button", { name: "Send" }).click();
    await mine.getByText("You said you feel heard.").waitFor();
    await erin.setViewportSize({ width: 390, height: 844 });
    await screenshot(erin, "experience-my-complaints-phone");
  });

  it("the head's experience view sets SLAs beside the satisfaction goal, with flags and an at-risk list", async () => {
    session.actingOn(fiona);
    await fiona.goto(`/insights/FAC/experience?period=${lastYear}`);
    const table = fiona.getByTestId("experience");
    await table.getByRole("table").waitFor();
    expect(await table.textContent()).toMatch(/Watermelon/);
    // The flag sits in the row of a month whose SLAs were met while experience missed the goal.
    const flagged = table.getByRole("row").filter({ hasText: "Watermelon" }).first();
    expect(await flagged.textContent()).toMatch(/Missed/);
    expect(await fiona.getByTestId("at-risk").textContent()).toMatch(/At risk now/);
    const csv = await fiona.request.get(`/insights/FAC/experience/export?period=${lastYear}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(/^Period,SLA compliance %/);
    await fiona.setViewportSize({ width: 1366, height: 900 });
    await screenshot(fiona, "experience-head-view");
  });

  it("the head's trend charts: satisfaction against goal beside SLA compliance and hours lost, per published month, readable by keyboard", async () => {
    session.actingOn(fiona);
    await fiona.setViewportSize({ width: 1366, height: 900 });
    await fiona.goto(`/insights/FAC/experience?period=${lastYear}`);
    await checkTrend(fiona, "experience-trend");
    await expectNoSeriousA11yViolations(fiona, "experience-trend");
    await trendShot(fiona, "experience-trend", "experience-trend-head");
    await fiona.setViewportSize({ width: 390, height: 844 });
    await fiona.reload();
    await fiona.getByTestId("experience-trend-hours").locator("svg.recharts-surface[tabindex='0']").waitFor();
    expect(await fiona.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await trendShot(fiona, "experience-trend", "experience-trend-head-phone");
    await fiona.setViewportSize({ width: 1366, height: 900 });
  });

  it("the head's hours lost per request type: published types, month by month and the year; agents and other heads are refused", async () => {
    session.actingOn(fiona);
    await fiona.goto(`/insights/FAC/experience?period=${lastYear}`);
    const table = fiona.getByTestId("time-lost-by-type").getByRole("table", { name: "Hours lost per request type" });
    await table.waitFor();
    const headers = await table.locator("thead th").allTextContents();
    expect(headers[0]).toMatch(/Request type/i);
    expect(headers).toContain(`January ${lastYear} (hours)`);
    expect(headers).toContain(`${lastYear} (hours)`);
    const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent ?? "")));
    // The demo's Facilities has rated repairs all year: at least one type is published.
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row[0]).not.toBe("");
      // Each month is published hours, why there is none, or (the open month) when it will be published.
      for (const cell of row.slice(1, 13)) expect(cell).toMatch(/^(\d[\d,]*(\.\d)?|Not enough responses|Published on .+)$/);
    }
    expect(rows.some((row) => row.slice(1, 14).some((cell) => /^\d/.test(cell)))).toBe(true);

    const frank = await session.as(people.frank.name);
    expect((await frank.goto(`/insights/FAC/experience?period=${lastYear}`))?.status()).toBe(404);
    expect(await frank.getByTestId("time-lost-by-type").count()).toBe(0);
    const thomas = await session.as("Thomas Berger");
    expect((await thomas.goto(`/insights/FAC/experience?period=${lastYear}`))?.status()).toBe(404);
    expect(await thomas.getByTestId("time-lost-by-type").count()).toBe(0);
    // The CSV of the same view is refused to them too.
    expect((await thomas.request.get(`/insights/FAC/experience/export?period=${lastYear}`)).status()).toBe(404);
  });

  it("HR's trend charts for the whole organisation, per published month", async () => {
    const hana = await session.as("Hana Horvat");
    await hana.setViewportSize({ width: 1366, height: 900 });
    await hana.goto(`/insights/organisation/experience?period=${lastYear}`);
    await checkTrend(hana, "organisation-trend");
    await trendShot(hana, "organisation-trend", "experience-trend-organisation");
    await hana.setViewportSize({ width: 390, height: 844 });
    await hana.reload();
    await hana.getByTestId("organisation-trend-hours").locator("svg.recharts-surface[tabindex='0']").waitFor();
    await trendShot(hana, "organisation-trend", "experience-trend-organisation-phone");
  });
});
