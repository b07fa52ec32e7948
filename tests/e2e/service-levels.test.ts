// Service levels as a department head and an employee see them, against the built app on the
// embedded demo organisation: SLA countdowns in the queue, the head's calendars and policies, the
// compliance report with its CSV export, and the same pages refused to an employee.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot } from "../support/browser";
import { browserSession } from "../support/e2e-session";

const { as } = browserSession();

describe("service levels", () => {
  let fiona: Page;

  it("shows the head of Facilities SLA countdowns in the queue, most urgent first", async () => {
    fiona = await as("Fiona Hall");
    await fiona.goto("/queue/FAC?sort=due");
    await fiona.getByRole("heading", { name: "Facilities queue" }).waitFor();
    const badges = fiona.getByTestId("sla-badge");
    await badges.first().waitFor();
    const labels = await badges.allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((l) => /left|over|Paused|Breached|Running/.test(l))).toBe(true);
    await screenshot(fiona, "queue-breaching-soon");
  });

  it("lets the head see and edit the department's calendars and policies", async () => {
    await fiona.goto("/settings/FAC/sla");
    await fiona.getByText("Office hours").first().waitFor();
    for (const name of ["Urgent", "High", "Standard"]) await fiona.getByText(name, { exact: true }).first().waitFor();
    await screenshot(fiona, "sla-settings");
  });

  it("reports compliance with the counts behind every percentage, and exports it as CSV", async () => {
    await fiona.goto("/insights/FAC/sla");
    await fiona.getByRole("table").first().waitFor();
    const text = await fiona.locator("main").innerText();
    expect(text).toMatch(/First response/i);
    expect(text).toMatch(/\d+ ?%/);
    await screenshot(fiona, "sla-report");
    const href = await fiona.getByRole("link", { name: /csv/i }).first().getAttribute("href");
    expect(href).toBeTruthy();
    const response = await fiona.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/text\/csv/);
    expect((await response.text()).split("\n")[0]).toMatch(/met/i);
  });

  it("refuses those pages to an employee as not found", async () => {
    const erin = await as("Erin Evans");
    for (const path of ["/settings/FAC/sla", "/insights/FAC/sla", "/queue/FAC"]) {
      await erin.goto(path);
      await erin.getByRole("heading", { name: "Not found" }).waitFor();
    }
    const csv = await erin.request.get("/insights/FAC/sla/export");
    expect(csv.status()).toBe(404);
  });
});
