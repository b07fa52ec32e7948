// The head's dashboard against the built app on the embedded demo organisation: Fiona (head of
// Facilities) opens it from the header's Reports link, sees every chart with its table, switches the
// period to a month, and downloads a table as CSV whose cells are those of the page; axe passes; an
// agent and an employee get "not found" for the page and its CSV.
import fs from "node:fs";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { screenshot } from "../support/browser";
import { browserSession } from "../support/e2e-session";
import { people } from "../support/e2e-people";

const { as } = browserSession({ failurePrefix: "head-dashboard-failed" });

const sections = ["SLA compliance", "Open requests by age", "Requests by type", "Requests by requesting department", "Satisfaction (CSAT)", "Agents"];

/** The cells of a table as the page shows them, header row first (footer last). */
const cellsOf = (page: Page, caption: string) =>
  page.locator("table", { has: page.locator("caption", { hasText: new RegExp(`^${caption.replace(/[()]/g, "\\$&")}$`) }) }).evaluate((table) =>
    [...table.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())),
  );

describe("head dashboard", () => {
  let fiona: Page;

  it("opens from the Reports link on the current quarter, with a table under every chart", async () => {
    fiona = await as("Fiona Hall");
    await fiona.getByRole("link", { name: "Reports", exact: true }).click();
    await fiona.waitForURL(/\/insights\/FAC$/);
    await fiona.getByRole("heading", { level: 1, name: "Facilities: dashboard" }).waitFor();
    const now = new Date();
    const quarter = `${now.getUTCFullYear()} Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    expect(await fiona.getByLabel("Period").locator("option:checked").innerText()).toBe(quarter);
    for (const name of sections) {
      const heading = fiona.getByRole("heading", { level: 2, name, exact: true });
      await heading.waitFor();
      await fiona.locator("table", { has: fiona.locator("caption", { hasText: name }) }).first().waitFor();
    }
    // Charts are drawn in the browser; each is labelled and points to its table.
    await expect.poll(() => fiona.locator('[role="img"] svg.recharts-surface').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    const backlog = await cellsOf(fiona, "Open requests by age");
    expect(backlog[0]).toEqual(["Age", "Low", "Normal", "High", "Urgent", "Total"]);
    expect(backlog.map((r) => r[0])).toEqual(["Age", "Under 1 day", "1–3 days", "3–7 days", "7–30 days", "Over 30 days", "All"]);
    await fiona.getByRole("link", { name: "SLA report and pause log" }).waitFor();
    await expectNoSeriousA11yViolations(fiona, "head dashboard");
    await screenshot(fiona, "head-dashboard");
  });

  it("switches to a month, whose compliance is per week", async () => {
    const month = fiona.getByLabel("Period").locator("optgroup[label='Months'] option").first();
    const value = (await month.getAttribute("value"))!;
    await fiona.getByLabel("Period").selectOption(value);
    await fiona.getByRole("button", { name: "Show" }).click();
    await fiona.waitForURL((url) => url.searchParams.get("period") === value);
    await fiona.getByText(/^Met \/ \(met \+ breached\) per metric and week/).waitFor();
    const rows = await cellsOf(fiona, "SLA compliance");
    expect(rows[1]![0]).toMatch(/^1 \w{3}–7 \w{3}$/);
    expect(rows.at(-1)![0]).toMatch(/^All of \w+ \d{4}$/);
    await expectNoSeriousA11yViolations(fiona, "head dashboard, a month");
  });

  it("downloads a table as CSV with the page's cells", async () => {
    const section = fiona.getByTestId("volume-type");
    const [download] = await Promise.all([fiona.waitForEvent("download"), section.getByRole("link", { name: /Download CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^fac-volume-type-\d{4}-\d{2}\.csv$/);
    const csv = parse(fs.readFileSync((await download.path()), "utf8"));
    const page = await cellsOf(fiona, "Requests by type");
    // The page writes numbers with thousands separators and "Nothing in this period." for no rows.
    const shown = page.filter((r) => r.length > 1).map((r) => r.map((c) => c.replace(/,/g, "")));
    expect(csv).toEqual(shown);
  });

  it("a bad period in the address says what to choose instead of failing", async () => {
    await fiona.goto("/insights/FAC?period=2026-13");
    await fiona.getByRole("alert").filter({ hasText: /Choose a month \(2026-11\), a quarter \(2026-Q4\) or a year \(2026\)/ }).waitFor();
    const csv = await fiona.request.get("/insights/FAC/export?table=backlog&period=2026-13");
    expect(csv.status()).toBe(422);
  });

  it("is not found for an agent and an employee, page and CSV", async () => {
    for (const name of [people.frank.name, people.erin.name]) {
      const page = await as(name);
      await page.goto("/insights/FAC");
      await page.getByRole("heading", { name: "Not found" }).waitFor();
      const csv = await page.request.get("/insights/FAC/export?table=agents");
      expect(csv.status()).toBe(404);
    }
  });
});
