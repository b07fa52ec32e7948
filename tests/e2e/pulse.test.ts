// A pulse survey in a real browser against the built app: Erin (Marketing) files a Facilities
// repair; Hana (HR) creates a one-off survey of Facilities about this month, which opens a round at
// once; Erin follows her notification to the survey, finds 1-5 with nothing chosen, answers once and
// is thanked; Hana's results then say "Not enough responses" for Facilities, with no count.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { screenshot } from "../support/browser";
import { browserSession } from "../support/e2e-session";
import { people } from "../support/e2e-people";

const { as, actingOn } = browserSession();
const run = Date.now().toString(36);
const hana = "Hana Horvat";

let erin: Page;
let hr: Page;

describe.sequential("pulse survey", () => {
  it("Erin files a Facilities repair this month", async () => {
    erin = await as(people.erin.name);
    await erin.goto("/catalog/FAC/repair");
    await erin.getByRole("textbox", { name: "Title", exact: true }).fill(`Window will not close (${run})`);
    await erin.getByRole("textbox", { name: "What do you need?", exact: true }).fill("The window in 3.10 is stuck open.");
    await erin.locator("#field-location").fill("Berlin HQ, 3.10");
    await erin.locator("#field-category").selectOption({ index: 1 });
    await erin.getByRole("button", { name: "Send request" }).click();
    await erin.waitForURL(/\/requests\/FAC-\d+\?filed=1$/);
  });

  it("Hana (HR) creates a survey of Facilities that opens a round now", async () => {
    hr = await as(hana);
    await hr.getByRole("link", { name: "Pulse surveys" }).click();
    await hr.getByRole("heading", { level: 1, name: "Pulse surveys" }).waitFor();
    await expectNoSeriousA11yViolations(hr, "pulse-surveys");
    await hr.getByLabel("Departments rated").selectOption({ label: "Facilities" });
    await hr.getByLabel("How often").selectOption("ONCE");
    // The first month offered is this one.
    expect(await hr.getByLabel("First round asks about").inputValue()).toMatch(/^\d{4}-\d{2}$/);
    await hr.getByRole("button", { name: "Create survey and open its first round" }).click();
    await hr.getByRole("status").filter({ hasText: /Survey created: its first round is open and asked \d+/ }).waitFor();
    const round = hr.locator('[data-testid^="round-"]').first();
    await round.getByRole("cell", { name: "Facilities", exact: true }).waitFor();
    // Open: its results are published when it closes, with no count before.
    await round.getByText(/Published on \d+ \w+ \d{4}/).first().waitFor();
    await screenshot(hr, "pulse-surveys");
  });

  it("Erin follows her notification, finds nothing pre-selected, answers once and is thanked", async () => {
    actingOn(erin);
    await erin.goto("/notifications");
    await erin.getByRole("link", { name: "Pulse survey: how well does Facilities serve your team?" }).first().click();
    await erin.waitForURL(/\/pulse$/);
    await erin.getByRole("heading", { level: 1, name: "Pulse surveys" }).waitFor();
    const group = erin.getByRole("group", { name: "How well does Facilities serve your team?" }).first();
    const radios = group.getByRole("radio");
    await expect.poll(() => radios.count()).toBe(5);
    for (let i = 0; i < 5; i++) expect(await radios.nth(i).isChecked()).toBe(false);
    await expectNoSeriousA11yViolations(erin, "pulse-answer");
    await screenshot(erin, "pulse-answer");

    const card = erin.locator("section", { has: group }).locator('[data-testid^="pulse-"]').filter({ has: group });
    await group.getByRole("radio", { name: /^4\b/ }).check();
    await card.getByRole("button", { name: "Send answer" }).click();
    await erin.getByText(/Thank you/).first().waitFor();
    await erin.reload();
    await erin.getByText(/Thank you: you answered on/).first().waitFor();
    await screenshot(erin, "pulse-answered");
  });

  it("Hana sees no figure and no count for Facilities while the round is open, only when it will be published", async () => {
    actingOn(hr);
    await hr.goto("/insights/pulse");
    const round = hr.locator('[data-testid^="round-"]').first();
    await round.getByText(/Published on \d+ \w+ \d{4}/).first().waitFor();
    await round.getByRole("link", { name: /^Results/ }).click();
    await hr.getByRole("heading", { level: 1, name: /^Pulse results/ }).waitFor();
    const facilities = hr.getByRole("row", { name: /^Facilities/ }).first();
    await facilities.getByText(/Published on/).waitFor();
    expect((await facilities.textContent())?.replace(/Published on \d+ \w+ \d{4}/g, "")).not.toMatch(/\d/);
    await expectNoSeriousA11yViolations(hr, "pulse-results");
    await screenshot(hr, "pulse-results");
  });
});
