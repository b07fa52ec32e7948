// Issue 19's requester, head, admin and phone items, in the built app on the demo organisation, as the
// people who use them: the catalogue's search (as you type, and as a plain GET form without
// JavaScript), the policy list's "which policy each type gets", the audit log's sentences, filters,
// paging and CSV, the departments list with a page per department, the installable manifest, and
// every main page of each role at 390 px without sideways scrolling. axe runs at 1366 and 390 px.
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { launchBrowser, screenshot, signInViaDemo } from "../support/browser";
import { browserSession } from "../support/e2e-session";

const session = browserSession({ failurePrefix: "failed-workspace" });
const baseUrl = inject("baseUrl");

const desktop = { width: 1366, height: 900 };
const phone = { width: 390, height: 844 };

/** The page's width beyond the viewport: 0 when nothing scrolls sideways. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** axe at both widths, with a screenshot of each to look at. */
async function axeAtBothWidths(page: Page, name: string) {
  await page.setViewportSize(desktop);
  await expectNoSeriousA11yViolations(page, `${name} (1366 px)`);
  await screenshot(page, `workspace-${name}-1366`);
  await page.setViewportSize(phone);
  await expect.poll(() => overflow(page), { message: `${name} scrolls sideways at 390 px` }).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page, `${name} (390 px)`);
  await screenshot(page, `workspace-${name}-390`);
  await page.setViewportSize(desktop);
}

describe.sequential("requesters", () => {
  it("the catalogue narrows departments and request types as you type, and lists your own department apart", async () => {
    const frank = await session.as("Frank Fischer");
    await frank.goto("/catalog");
    const box = frank.getByRole("searchbox", { name: "Search services" });
    await box.waitFor();
    // Frank works in Facilities: it is not among the "other" departments, but listed apart.
    const others = frank.getByTestId("catalog-departments");
    const own = frank.getByTestId("own-department");
    await expect.poll(() => own.getByRole("heading", { name: "Facilities" }).count()).toBe(1);
    expect(await others.locator('[data-department="FAC"]').count()).toBe(0);
    expect(await others.locator('[data-department="IT"]').count()).toBe(1);
    await axeAtBothWidths(frank, "catalogue");

    await box.fill("distribution list");
    await expect.poll(() => frank.getByTestId("catalog-count").textContent()).toMatch(/1 request type in 1 department matches “distribution list”/);
    expect(await others.locator("[data-department]").evaluateAll((els) => els.map((e) => e.getAttribute("data-department")))).toEqual(["IT"]);
    expect(await frank.locator('main a[href="/catalog/IT/shared-mailbox"]').count()).toBe(1);
    expect(await frank.locator('main a[href="/catalog/IT/new-laptop"]').count()).toBe(0);
    await expect.poll(() => new URL(frank.url()).searchParams.get("q")).toBe("distribution list");

    await box.fill("no such service anywhere");
    await expect.poll(() => frank.getByTestId("catalog-count").textContent()).toMatch(/Nothing matches/);
    await box.fill("");
    await expect.poll(() => others.locator("[data-department]").count()).toBeGreaterThan(3);

    // On a phone, typing narrows the same way and nothing scrolls sideways.
    await frank.setViewportSize(phone);
    await box.fill("desk move");
    await expect.poll(() => frank.locator('main a[href="/catalog/FAC/desk-move"]').count()).toBe(1);
    expect(await overflow(frank)).toBeLessThanOrEqual(0);
    await screenshot(frank, "workspace-catalogue-search-390");
  });

  it("without JavaScript, the search box is a GET form that the server answers narrowed", async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: true, viewport: desktop });
      const page = await context.newPage();
      await signInViaDemo(page, "Erin Evans");
      const state = await context.storageState();
      const noJs = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false, storageState: state, viewport: phone });
      const bare = await noJs.newPage();
      await bare.goto("/catalog");
      await bare.getByRole("searchbox", { name: "Search services" }).fill("repair");
      await bare.getByRole("button", { name: "Search" }).click();
      await bare.waitForURL(/\/catalog\?q=repair$/);
      expect(await bare.locator('main a[href="/catalog/FAC/repair"]').count()).toBe(1);
      expect(await bare.locator('main a[href="/catalog/IT/new-laptop"]').count()).toBe(0);
      expect(await bare.getByTestId("catalog-count").textContent()).toMatch(/match(es)? “repair”/);
      await noJs.close();
      await context.close();
    } finally {
      await browser.close();
    }
  });
});

describe.sequential("heads and admins", () => {
  it("the policy list shows which policy each request type and priority gets", async () => {
    const fiona = await session.as("Fiona Hall");
    await fiona.goto("/settings/FAC/sla");
    await fiona.getByRole("heading", { name: "Policies, in the order they are tried" }).waitFor();
    const effective = fiona.getByTestId("effective-policies");
    await effective.getByText("Which policy each request type gets").click();
    const table = effective.getByRole("table", { name: "The policy a request gets, by request type and priority" });
    await table.waitFor();
    expect(await table.getByRole("columnheader").allTextContents()).toEqual(["Request type", "Low", "Normal", "High", "Urgent"]);
    expect(await table.getByRole("rowheader").count()).toBeGreaterThan(2);
    await axeAtBothWidths(fiona, "sla-policies");
  });

  it("holidays come from an .ics file with a preview, names included, before anything is saved", async () => {
    const fiona = await session.as("Fiona Hall");
    await fiona.goto("/settings/FAC/sla");
    await fiona.locator('a[href^="/settings/FAC/sla/calendars/"]').first().click();
    await fiona.waitForURL(/\/sla\/calendars\//);
    const form = fiona.locator("form", { has: fiona.getByRole("button", { name: "Preview" }) });
    await form.locator('input[type="file"]').setInputFiles(path.join(import.meta.dirname, "../fixtures/ics/company-day.ics"));
    await form.getByRole("button", { name: "Preview" }).click();
    const preview = fiona.getByTestId("holiday-preview");
    await preview.waitFor();
    // Weekly from 1 Aug 2029, three times, without the 8th (EXDATE).
    expect(await preview.getByRole("listitem").allTextContents()).toEqual(["2029-08-01Company day", "2029-08-15Company day"]);
    await axeAtBothWidths(fiona, "holiday-preview");
    const add = form.getByRole("button", { name: /^Add \d+ holidays?$/ });
    if ((await add.count()) > 0) {
      await add.click();
      await form.getByText(/^Added \d+ holiday/).waitFor();
    }
    await fiona.reload();
    expect(await fiona.getByRole("textbox", { name: "Holidays", exact: true }).inputValue()).toMatch(/2029-08-01 Company day\n2029-08-15 Company day/);
  });

  it("the audit log reads as sentences, filters by department, pages back and exports CSV", async () => {
    const ada = await session.as("Ada Admin");
    await ada.goto("/admin/audit");
    await ada.getByRole("heading", { name: "Audit log" }).waitFor();
    const entries = ada.getByTestId("audit-entries").getByRole("listitem");
    await entries.first().waitFor();
    const texts = await entries.allTextContents();
    // Sentences, not codes and JSON.
    expect(texts.some((t) => /[{}]|"[a-z]+":/.test(t))).toBe(false);
    expect(texts.every((t) => /\.( Open)?$/.test(t.trim()))).toBe(true);
    await axeAtBothWidths(ada, "audit-log");

    await ada.getByLabel("Department").selectOption({ label: "Facilities" });
    await ada.getByRole("button", { name: "Show" }).click();
    await ada.waitForURL(/department=/);
    await entries.first().waitFor();
    const older = ada.getByRole("link", { name: "Older entries" });
    if ((await older.count()) > 0) {
      const firstPage = await entries.allTextContents();
      await older.click();
      await ada.waitForURL(/before=/);
      await entries.first().waitFor();
      expect(await entries.allTextContents()).not.toEqual(firstPage);
    }
    const href = await ada.getByRole("link", { name: /as CSV/ }).getAttribute("href");
    const csv = await ada.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^"When \(ISO, UTC\)",When \(.+\),Who,What happened,Action,Subject$/);

    // A date range backwards is said beside the field, and nothing is listed.
    await ada.goto("/admin/audit?from=2026-02-01&to=2026-01-01");
    await ada.getByText("The end date comes before the start date").first().waitFor();
    expect(await ada.getByTestId("audit-entries").count()).toBe(0);
  });

  it("the departments admin is a list with a page per department", async () => {
    const ada = await session.as("Ada Admin");
    await ada.goto("/admin/departments");
    const list = ada.getByTestId("department-list");
    await list.waitFor();
    expect(await list.getByRole("listitem").count()).toBeGreaterThan(4);
    const height = await ada.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(3000);
    await axeAtBothWidths(ada, "departments");
    await list.getByRole("link", { name: "Facilities" }).click();
    await ada.waitForURL(/\/admin\/departments\/FAC$/);
    await ada.getByRole("heading", { level: 1, name: "Facilities" }).waitFor();
    await ada.getByRole("heading", { name: "Teams" }).waitFor();
    await axeAtBothWidths(ada, "department-page");
    const missing = await ada.goto("/admin/departments/NOPE");
    expect(missing?.status()).toBe(404);
  });
});

describe.sequential("phones", () => {
  it("is installable: a manifest with app icons, and a favicon", async () => {
    const erin = await session.as("Erin Evans");
    const manifestHref = await erin.locator('link[rel="manifest"]').getAttribute("href");
    const manifest = (await (await erin.request.get(manifestHref!)).json()) as { name: string; display: string; start_url: string; icons: { src: string; sizes: string; type: string }[] };
    expect(manifest).toMatchObject({ name: "Service Desk", display: "standalone", start_url: "/" });
    for (const size of ["192x192", "512x512"]) {
      const icon = manifest.icons.find((i) => i.sizes === size && i.type === "image/png");
      expect(icon, size).toBeTruthy();
      const res = await erin.request.get(icon!.src);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("image/png");
    }
    const favicon = await erin.locator('link[rel="icon"]').first().getAttribute("href");
    expect((await erin.request.get(favicon!)).status()).toBe(200);
    expect(await erin.locator('link[rel="apple-touch-icon"]').count()).toBeGreaterThan(0);
  });

  const pagesByRole: [string, string[]][] = [
    ["Erin Evans", ["/", "/catalog", "/catalog/FAC/repair", "/requests", "/search?q=printer", "/notifications", "/account/time-zone"]],
    ["Frank Fischer", ["/queue/FAC", "/catalog"]],
    ["Fiona Hall", ["/insights/FAC", "/insights/FAC/sla", "/settings/FAC/sla", "/settings/FAC/catalog", "/insights/pulse"]],
    ["Hana Horvat", ["/insights/organisation", "/insights/pulse"]],
    ["Ada Admin", ["/admin", "/admin/departments", "/admin/departments/FAC", "/admin/people", "/admin/audit"]],
  ];

  it.each(pagesByRole)("every main page of %s fits 390 px, the header and its menu included", async (name, paths) => {
    const page = await session.as(name);
    await page.setViewportSize(phone);
    for (const path of paths) {
      await page.goto(path);
      await page.locator("main h1").first().waitFor();
      await expect.poll(() => overflow(page), { message: `${path} scrolls sideways at 390 px as ${name}` }).toBeLessThanOrEqual(0);
    }
    // The header's menu opens without sideways scrolling, and its links are the page's navigation.
    const menu = page.getByTestId("phone-menu");
    await menu.getByText("Menu").click();
    await menu.getByRole("link").first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page, `phone menu (${name})`);
    await screenshot(page, `workspace-phone-menu-${name.split(" ")[0]!.toLowerCase()}`);
    await expect.poll(() => page.getByRole("searchbox", { name: "Search requests" }).isVisible()).toBe(true);
  });

  it("a request page fits 390 px", async () => {
    const erin = await session.as("Erin Evans");
    await erin.setViewportSize(phone);
    await erin.goto("/requests?show=all");
    const first = erin.locator('main a[href^="/requests/"]').first();
    await first.waitFor();
    await first.click();
    await erin.waitForURL(/\/requests\/[A-Z]+-\d+/);
    await erin.getByTestId("timeline").waitFor();
    await expect.poll(() => overflow(erin)).toBeLessThanOrEqual(0);
    await screenshot(erin, "workspace-request-page-390");
  });

  it("the head dashboard shrinks to 390 px after being drawn at 1366 px (charts follow the width)", async () => {
    const fiona = await session.as("Fiona Hall");
    await fiona.setViewportSize(desktop);
    await fiona.goto("/insights/FAC");
    await fiona.locator("figure [role=img] svg").first().waitFor();
    await fiona.setViewportSize(phone);
    await expect.poll(() => overflow(fiona), { message: "the dashboard keeps its desktop width" }).toBeLessThanOrEqual(0);
    await screenshot(fiona, "workspace-head-dashboard-390");
  });
});
