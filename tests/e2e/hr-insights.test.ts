// HR's organisation page on the demo organisation: the internal-customer heat map, a pair whose
// satisfaction comes from too few raters shown as "Not enough responses" (no number), the morale
// table, a pair's months, and axe on the page.
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { screenshot } from "../support/browser";
import { browserSession } from "../support/e2e-session";
import { people } from "../support/e2e-people";

const { as } = browserSession({ failurePrefix: "failed-hr" });
const run = Date.now().toString(36);
const title = `Meeting room blinds stuck (hr ${run})`;


const month = new Date().toISOString().slice(0, 7);

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
    // The roll-ups are jobs (volume within a minute, satisfaction within ~10 s): reload until the cell shows the rating.
    const cell = hana.locator('[data-cell="MKT-FAC"]');
    await expect
      .poll(
        async () => {
          await hana.goto(`/insights/organisation?period=${month}&measure=csat`);
          return (await cell.count()) ? ((await cell.textContent()) ?? "") : "";
        },
        { timeout: 150_000, interval: 2_000 },
      )
      .toContain("Not enough responses");
    const csat = cell.getByTestId("not-enough");
    expect(await csat.textContent()).toBe("Not enough responses");
    // Text in the cell, not colour alone; hatched for a suppressed figure under the CSAT measure.
    expect(await cell.getAttribute("class")).toContain("repeating-linear-gradient");
    expect(await cell.textContent()).toMatch(/\d+ filed/);
    // The table is a real table: the cell's column and row headers name the departments.
    await hana.getByRole("table", { name: /Internal customer heat map/ }).getByRole("columnheader", { name: "Facilities" }).waitFor();
    await hana.getByTestId("legend").getByText("Not enough responses").waitFor();
    await hana.getByTestId("morale").getByRole("rowheader", { name: "Facilities" }).waitFor();
    // What the anonymity rules promise, one click away; the open month's themes are not published yet.
    const about = hana.getByTestId("about-figures");
    await about.getByText("About these figures").click();
    await about.getByText(/comment theme is a word or phrase used by at least 10 different people/).waitFor();
    await about.getByText(/only for departments with at least 3 agents/).waitFor();
    expect(await hana.getByTestId("themes").textContent()).toMatch(/Published on \d+ \w+ \d{4}/);
    await screenshot(hana, "hr-organisation");
    await expectNoSeriousA11yViolations(hana, "organisation");

    // Keyboard: the cell is a link; it opens the pair's months.
    await cell.getByRole("link").focus();
    await hana.keyboard.press("Enter");
    await hana.getByRole("heading", { level: 1, name: "Marketing served by Facilities" }).waitFor();
    const monthRow = hana.getByTestId("pair-months").getByRole("row").nth(1);
    expect(await monthRow.textContent()).toContain("Not enough responses");
    await expectNoSeriousA11yViolations(hana, "organisation-pair");
  });

  it("a bad period is explained beside the form, and the CSV says \"not enough responses\" without counts", async () => {
    const hana = await as("Hana Horvat");
    await hana.goto("/insights/organisation?period=2026-13");
    // (Next's route announcer is an alert too: look for ours by its text.)
    await hana.getByRole("alert").filter({ hasText: /Choose a month \(2026-11\), a quarter \(2026-Q4\) or a year \(2026\)/ }).waitFor();
    const csv = await hana.request.get(`/insights/organisation/export?table=matrix&period=${month}`);
    expect(csv.status()).toBe(200);
    const line = (await csv.text()).split("\r\n").find((l) => l.includes(",Marketing,Facilities,"));
    expect(line).toMatch(/,not enough responses,,$/);
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

  it("an agent does not get the page, the link or the export", async () => {
    const frank = await as(people.frank.name);
    expect(await frank.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organisation" }).count()).toBe(0);
    const response = await frank.goto("/insights/organisation");
    expect(response?.status()).toBe(404);
    expect((await frank.request.get(`/insights/organisation/export?period=${month}`)).status()).toBe(404);
  });
});
