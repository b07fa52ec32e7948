// HR's organisation page on the demo organisation: the internal-customer heat map, a pair whose
// satisfaction comes from too few raters shown as "Not enough responses" (no number), the measure
// switch, keyboard moves and the details on focus, the morale table, a pair's months, axe, and
// screenshots at 1366 px and on a 390 px phone.
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { artifactsDir } from "../support/app-server";
import { browserSession } from "../support/e2e-session";
import { people } from "../support/e2e-people";

const { as } = browserSession({ failurePrefix: "failed-hr" });
const run = Date.now().toString(36);
const title = `Meeting room blinds stuck (hr ${run})`;


const month = new Date().toISOString().slice(0, 7);
/** The last closed month: published (the job publishes a month minutes after it ends). */
const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);

/** The heat map's cell of a requesting × providing department, by their keys (rows and columns carry data-k). */
function cellOf(page: Page, requester: string, provider: string) {
  return page
    .getByRole("grid", { name: /Internal customers/ })
    .locator(`xpath=./tbody/tr[th[@data-k="${requester}"]]/td[count(../../../thead/tr/th[@data-k="${provider}"]/preceding-sibling::th)]`);
}

describe.sequential("HR's organisation view", () => {
  it("Erin files a Facilities repair, Frank resolves it and Erin rates it: one rater from Marketing", async () => {
    const erin = await as(people.erin.name);
    await erin.goto("/catalog/FAC/repair");
    await erin.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await erin.getByRole("textbox", { name: "What do you need?", exact: true }).fill("The blinds in room 3.01 will not go up.");
    await erin.locator("#field-location").fill("Berlin HQ, 3.01");
    await erin.locator("#field-category").selectOption({ index: 1 });
    await erin.getByRole("button", { name: "Send request" }).click();
    await erin.waitForURL(/\/requests\/FAC-\d+\?filed=1$/);
    const reference = /\/requests\/(FAC-\d+)/.exec(erin.url())![1]!;

    const frank = await as(people.frank.name);
    await frank.goto(`/requests/${reference}`);
    const work = frank.locator("form", { has: frank.getByRole("button", { name: "Save changes" }) });
    await work.getByLabel("Status", { exact: true }).selectOption({ label: "Resolved" });
    await work.getByRole("button", { name: "Save changes" }).click();
    await frank.getByTestId("timeline").getByText(/changed the status from .+ to Resolved/).waitFor();

    await erin.goto(`/requests/${reference}`);
    const card = erin.getByTestId("rating");
    await card.getByRole("radio", { name: /^4\b/ }).check();
    await card.getByRole("button", { name: "Send rating" }).click();
    await card.getByRole("heading", { name: "Your rating" }).waitFor();
  });

  it("Hana (HR) sees the heat map, with \"Not enough responses\" and no number for Marketing's view of Facilities", async () => {
    const hana = await as("Hana Horvat");
    await hana.goto("/");
    await hana.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organisation" }).click();
    await hana.getByRole("heading", { level: 1, name: "Organisation" }).waitFor();
    // The roll-ups are jobs (volume within a minute): reload until Marketing's row counts the request.
    const grid = hana.getByRole("grid", { name: /Internal customers/ });
    const cell = cellOf(hana, "MKT", "FAC");
    await expect
      .poll(
        async () => {
          await hana.goto(`/insights/organisation?period=${month}&measure=volume`);
          return (await cell.count()) ? ((await cell.textContent()) ?? "") : "";
        },
        { timeout: 150_000, interval: 2_000 },
      )
      .toMatch(/^\d+$/);
    await grid.getByRole("columnheader", { name: "Facilities" }).waitFor();
    await grid.getByRole("rowheader", { name: "Marketing" }).waitFor();

    // The measure switch recolours the map in place and keeps the choice in the address.
    await hana.getByText("Satisfaction (CSAT)", { exact: true }).click();
    await expect.poll(() => grid.getAttribute("data-measure")).toBe("csat");
    expect(hana.url()).toContain("measure=csat");
    // One rater: no number, the same hatched look and words as "nobody rated" (or, once the open
    // month's figures wait for publication, "not published yet": no number either way).
    // The words are the cell's accessible name, what a screen reader reads (generated content: heat-map.css).
    expect((await cell.textContent()) ?? "").not.toMatch(/\d/);
    const csat = (await cell.ariaSnapshot()).match(/gridcell "([^"]*)"/)?.[1];
    expect([["w", "Not enough responses"], ["p", "Not published yet"]]).toContainEqual([await cell.getAttribute("class"), csat]);
    await hana.getByTestId("legend").getByText("Not enough responses").waitFor();

    await hana.getByTestId("morale").getByRole("rowheader", { name: "Facilities" }).waitFor();
    // What the anonymity rules promise, one click away; the open month's themes are not published yet.
    const about = hana.getByTestId("about-figures");
    await about.getByText("About these figures").click();
    await about.getByText(/comment theme is a word or phrase used by at least 10 different people/).waitFor();
    await about.getByText(/only for departments with at least 3 agents/).waitFor();
    expect(await hana.getByTestId("themes").textContent()).toMatch(/Published on \d+ \w+ \d{4}/);

    // Keyboard only: into the grid at its one tabbable cell, then arrow keys to Marketing × Facilities.
    await grid.locator('td[tabindex="0"]').focus();
    const [row, col] = await cell.evaluate((td: HTMLTableCellElement) => [(td.parentElement as HTMLTableRowElement).sectionRowIndex, td.cellIndex - 1]);
    await hana.keyboard.press("Control+Home");
    for (let i = 0; i < row; i++) await hana.keyboard.press("ArrowDown");
    for (let i = 0; i < col; i++) await hana.keyboard.press("ArrowRight");
    await expect.poll(() => cell.evaluate((el) => el === document.activeElement)).toBe(true);
    // Focus shows the pair's figures, all of them, as the cell's description.
    const tip = hana.getByRole("tooltip");
    await tip.filter({ hasText: "Marketing → Facilities" }).waitFor();
    expect(await tip.textContent()).toMatch(/Satisfaction: (Not enough responses|Published on)/);
    expect(await tip.textContent()).toMatch(/Requests filed: [1-9]/);
    expect(await cell.getAttribute("aria-describedby")).toBe(await tip.getAttribute("id"));
    await hana.keyboard.press("ArrowDown");
    await expect.poll(() => cell.evaluate((el) => el === document.activeElement)).toBe(false);
    expect(await grid.locator('td[tabindex="0"]').count()).toBe(1);
    await hana.keyboard.press("ArrowUp");
    await expect.poll(() => cell.evaluate((el) => el === document.activeElement)).toBe(true);
    await hana.keyboard.press("Escape");
    await tip.waitFor({ state: "hidden" });
    // Tab leaves the grid in one step, and Shift+Tab comes back to the same cell.
    await hana.keyboard.press("Tab");
    await hana.keyboard.press("Shift+Tab");
    await expect.poll(() => cell.evaluate((el) => el === document.activeElement)).toBe(true);

    const html = await hana.request.get(`/insights/organisation?period=${month}&measure=csat`);
    console.log(`organisation page on the demo organisation (${await grid.locator("tbody tr").count()} requesting departments): ${(await html.body()).length.toLocaleString("en")} bytes of HTML`);
    await expectNoSeriousA11yViolations(hana, "organisation");

    // Enter opens the pair's months.
    await hana.keyboard.press("Enter");
    await hana.getByRole("heading", { level: 1, name: "Marketing served by Facilities" }).waitFor();
    const monthRow = hana.getByTestId("pair-months").getByRole("row").nth(1);
    expect(await monthRow.textContent()).toMatch(/Not enough responses|Published on/);
    await expectNoSeriousA11yViolations(hana, "organisation-pair");
  });

  it("the heat map at 1366 px fits without sideways scrolling, and on a 390 px phone scrolls inside its box", async () => {
    const hana = await as("Hana Horvat");
    for (const [name, width, height] of [["hr-heat-map", 1366, 900], ["hr-heat-map-phone", 390, 844]] as const) {
      await hana.setViewportSize({ width, height });
      await hana.goto("/insights/organisation?measure=resolution");
      const grid = hana.getByRole("grid", { name: /Internal customers/ });
      await grid.waitFor();
      expect(await hana.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      if (width > 1000) expect(await grid.evaluate((el) => el.parentElement!.scrollWidth <= el.parentElement!.clientWidth)).toBe(true);
      // The heat map's section as it shows on the screen (the whole page is long), a cell's details shown.
      await hana.getByRole("heading", { name: /^Internal customers/ }).evaluate((el) => el.scrollIntoView());
      await grid.locator("tbody tr").nth(1).locator("td").nth(2).hover();
      // The pair's figures, once the map has fetched them (a cell's details say "Loading" until then).
      await hana.getByRole("tooltip").filter({ hasText: "→" }).waitFor();
      await hana.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
      await expectNoSeriousA11yViolations(hana, `organisation at ${width} px`);
    }
    // On a touch screen the first tap on a cell shows its details, the second opens the pair.
    const cell = hana.getByRole("grid", { name: /Internal customers/ }).locator("tbody tr").nth(2).locator("td").nth(1);
    const tap = async () => {
      await cell.dispatchEvent("pointerdown", { pointerType: "touch", isPrimary: true });
      await cell.dispatchEvent("click");
    };
    await tap();
    await expect.poll(() => cell.evaluate((el) => el === document.activeElement)).toBe(true);
    await hana.getByRole("tooltip").waitFor();
    expect(hana.url()).not.toContain("/pair/");
    await tap();
    await hana.waitForURL(/\/insights\/organisation\/pair\//);
  });

  it("Hana opens the experience view from the organisation page: SLA beside experience per department and pair, hours lost month by month, the CSVs, and the heat map by 'Experience vs SLA'", async () => {
    const hana = await as("Hana Horvat");
    await hana.goto(`/insights/organisation?period=${lastMonth}`);
    await hana.getByRole("link", { name: "Experience and watermelons" }).click();
    await hana.getByRole("heading", { level: 1, name: "Organisation: experience" }).waitFor();
    const departments = hana.getByTestId("x-departments");
    await departments.getByRole("rowheader", { name: "Facilities" }).waitFor();
    // Last month is published: Facilities' row carries a share and a flag, not the withheld words.
    const facilities = await departments.getByRole("row").filter({ has: hana.getByRole("rowheader", { name: "Facilities" }) }).textContent();
    expect(facilities).toMatch(/(Watermelon|Hidden gem|Agree)/);
    await hana.getByTestId("x-pairs").getByRole("rowheader").first().waitFor();
    // Hours lost month by month: the demo's volumes give real monthly figures, not "Not enough responses" everywhere.
    const whole = hana.getByTestId("x-hours").getByRole("row").filter({ has: hana.getByRole("rowheader", { name: "Whole organisation" }) });
    const cells = await whole.getByRole("cell").allTextContents();
    expect(cells.filter((c) => /^[\d,]+(\.\d)?$/.test(c)).length).toBeGreaterThanOrEqual(6);
    const facilityHours = await hana.getByTestId("x-hours").getByRole("row").filter({ has: hana.getByRole("rowheader", { name: "Facilities" }) }).getByRole("cell").allTextContents();
    expect(facilityHours.filter((c) => /^[\d,]+(\.\d)?$/.test(c)).length).toBeGreaterThanOrEqual(6);
    // Hours lost per request type: only types whose figure is shown are listed, each with its hours.
    // (In the demo's last month a department's one busy type is withheld with its few small ones: the
    // small ones together are its complement, too few people to show.)
    const types = hana.getByTestId("x-types");
    await types.getByRole("heading", { name: /^Hours lost per request type/ }).waitFor();
    for (const row of await types.getByRole("row").filter({ has: hana.getByRole("rowheader") }).all()) {
      expect((await row.getByRole("cell").first().textContent())?.trim()).not.toBe("");
      expect(/^[\d,]+(\.\d)?$/.test((await row.getByRole("cell").nth(1).textContent()) ?? "")).toBe(true);
    }
    await types.screenshot({ path: path.join(artifactsDir, "hr-experience-types.png") });

    for (const [name, width, height] of [["hr-experience", 1366, 900], ["hr-experience-phone", 390, 844]] as const) {
      await hana.setViewportSize({ width, height });
      await hana.reload();
      await hana.getByTestId("x-departments").waitFor();
      expect(await hana.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await hana.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
      await expectNoSeriousA11yViolations(hana, `organisation experience at ${width} px`);
    }
    await hana.setViewportSize({ width: 1366, height: 900 });

    for (const [table, header] of [["departments", "Department,SLA compliance %"], ["pairs", "Provider,Requester,SLA compliance %"], ["hours", "Department,"], ["types", "Department,Request type,Time lost (hours)"]] as const) {
      const csv = await hana.request.get(`/insights/organisation/experience/export?table=${table}&period=${lastMonth}`);
      expect(csv.status()).toBe(200);
      expect((await csv.text()).startsWith(header)).toBe(true);
    }
    expect((await hana.request.get(`/insights/organisation/experience/export?table=nope&period=${lastMonth}`)).status()).toBe(422);

    await hana.goto(`/insights/organisation?period=${lastMonth}&measure=experience`);
    const grid = hana.getByRole("grid", { name: /Internal customers/ });
    await expect.poll(() => grid.getAttribute("data-measure")).toBe("experience");
    await hana.getByTestId("legend").getByText(/^Watermelon/).waitFor();
    expect(await grid.locator("td.x0, td.x1, td.x2").count()).toBeGreaterThan(0);
  });

  it("a bad period is explained beside the form, and the CSV has no satisfaction number or count for the open month", async () => {
    const hana = await as("Hana Horvat");
    await hana.goto("/insights/organisation?period=2026-13");
    // (Next's route announcer is an alert too: look for ours by its text.)
    await hana.getByRole("alert").filter({ hasText: /Choose a month \(2026-11\), a quarter \(2026-Q4\) or a year \(2026\)/ }).waitFor();
    const csv = await hana.request.get(`/insights/organisation/export?table=matrix&period=${month}`);
    expect(csv.status()).toBe(200);
    const line = (await csv.text()).split("\r\n").find((l) => l.includes(",Marketing,Facilities,"));
    // The month under way: satisfaction is not published yet, so no number and no count.
    expect(line).toMatch(/,not published yet,,$/);
  });

  it("Hana cannot set the agents minimum below 2: the form says so and nothing is saved", async () => {
    const hana = await as("Hana Horvat");
    await hana.goto("/insights/organisation/anonymity");
    const agents = hana.getByLabel("Fewest agents behind a department's workload figures");
    expect(await agents.inputValue()).toBe("3");
    await agents.fill("1");
    await hana.getByRole("button", { name: "Save thresholds" }).click();
    await hana.getByText("The minimum number of agents cannot be below 2").waitFor();
    await expectNoSeriousA11yViolations(hana, "anonymity");
    await hana.reload();
    expect(await hana.getByLabel("Fewest agents behind a department's workload figures").inputValue()).toBe("3");
  });

  it("an agent does not get the page, the link, the export or the heat map's figures", async () => {
    const frank = await as(people.frank.name);
    expect(await frank.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organisation" }).count()).toBe(0);
    const response = await frank.goto("/insights/organisation");
    expect(response?.status()).toBe(404);
    expect((await frank.request.get(`/insights/organisation/export?period=${month}`)).status()).toBe(404);
    const figures = await frank.request.get(`/insights/organisation/heat?period=${month}`);
    expect([figures.status(), await figures.text()]).toEqual([404, "Not found."]);
    expect((await frank.goto("/insights/organisation/experience"))?.status()).toBe(404);
    expect((await frank.request.get(`/insights/organisation/experience/export?period=${month}`)).status()).toBe(404);
  });
});
