// HR's organisation page at 50 departments, measured as people get it: a desk of its own (the built
// app, embedded database) whose data folder this file prepares first with 50 departments and a
// quarter of pair figures for every requesting × providing pair, then the page's HTML in bytes over
// HTTP (printed; under 200 kB whatever the measure, the budget of every page), the grid scrolled with the keyboard, and a screenshot.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateIfNeeded } from "@/lib/db/migrate";
import { monthsOf } from "@/lib/satisfaction/figure-periods";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { artifactsDir, startApp, type AppHandle } from "../support/app-server";
import { launchBrowser, newPersonPage, signInViaDemo } from "../support/browser";

const DEPARTMENTS = 50;
const BUDGET = 200_000;
const hrName = "Hana Heatmap";
// The same quarter last year: closed, and outside the months the roll-up job recomputes at start.
const now = new Date();
const period = `${now.getUTCFullYear() - 1}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;

let dataDir: string;
let app: AppHandle | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let hana: Page;

/** 50 departments, an HR person, and every pair's requests and SLA outcomes in each month of `period`. */
async function prepare(dir: string) {
  const embedded = await startEmbeddedDatabase({ dataDir: dir });
  try {
    await migrateIfNeeded(embedded.url);
    const db = createPrismaClient({ url: embedded.url, embedded: true });
    try {
      const words = ["Accounts", "Brand", "Compliance", "Data", "Estates", "Field", "Growth", "Health", "Identity", "Journeys"];
      const kinds = ["Services", "Operations", "Platform", "Support", "Office"];
      const departments = Array.from({ length: DEPARTMENTS }, (_, i) => ({
        key: `D${String(i + 1).padStart(2, "0")}`,
        name: `${words[i % words.length]} ${kinds[Math.floor(i / words.length) % kinds.length]}`,
        timeZone: "Europe/Berlin",
      }));
      await db.department.createMany({ data: departments });
      const ids = (await db.department.findMany({ select: { id: true }, orderBy: { key: "asc" } })).map((d) => d.id);
      const hr = await db.person.create({ data: { email: "hana.heatmap@example.com", name: hrName, title: "HR partner", departmentId: ids[0]! } });
      await db.roleGrant.create({ data: { personId: hr.id, role: "HR" } });
      // Deterministic, uneven figures: most pairs busy, some quiet, a few with nothing at all.
      const rows = monthsOf(period).flatMap((month, m) =>
        ids.flatMap((requester, r) =>
          ids.map((provider, p) => {
            const n = (r * 31 + p * 17 + m * 7) % 97;
            const filed = n % 9 === 0 ? 0 : n;
            return {
              month,
              requesterDepartmentId: requester,
              providerId: provider,
              filed,
              firstResponseMet: Math.floor(filed * 0.9),
              firstResponseBreached: filed - Math.floor(filed * 0.9),
              resolutionMet: Math.floor((filed * ((r + p) % 10)) / 10),
              resolutionBreached: filed - Math.floor((filed * ((r + p) % 10)) / 10),
            };
          }),
        ),
      );
      await db.orgPairMonth.createMany({ data: rows });
      await db.orgRollupMonth.createMany({ data: monthsOf(period).map((month) => ({ month, computedAt: new Date() })) });
      // The marker of the demo organisation, so that the desk offers "sign in as".
      await db.setting.create({ data: { key: "demoOrganisation", value: { seededAt: new Date().toISOString() } } });
    } finally {
      await db.$disconnect();
    }
  } finally {
    await embedded.stop();
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "desk-org50-"));
  await prepare(dataDir);
  app = await startApp({ name: "e2e-org50", env: { DESK_DATA_DIR: dataDir } });
  browser = await launchBrowser();
  ({ context, page: hana } = await newPersonPage(browser, app.baseUrl));
  await signInViaDemo(hana, hrName);
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await app?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.sequential(`HR's organisation page at ${DEPARTMENTS} departments`, () => {
  it("sends under 200 kB of HTML whatever the measure", async () => {
    for (const measure of ["volume", "csat", "experience", "firstResponse", "resolution"]) {
      const response = await hana.request.get(`/insights/organisation?period=${period}&measure=${measure}`);
      expect(response.status()).toBe(200);
      const body = await response.body();
      const bytes = body.length;
      fs.writeFileSync(path.join(artifactsDir, `organisation-${DEPARTMENTS}-${measure}.html`), body);
      console.log(`organisation page, ${DEPARTMENTS} departments, measure=${measure}: ${bytes.toLocaleString("en")} bytes of HTML`);
      expect(bytes).toBeLessThan(BUDGET);
    }
  });

  it("shows every pair, scrolls with sticky headers, and moves by keyboard to the far corner", async () => {
    await hana.setViewportSize({ width: 1366, height: 900 });
    await hana.goto(`/insights/organisation?period=${period}&measure=resolution`);
    const grid = hana.getByRole("grid", { name: /Internal customers/ });
    await grid.waitFor();
    expect(await grid.locator("tbody td").count()).toBe(DEPARTMENTS * DEPARTMENTS);
    // No sideways scrolling of the page itself: the grid scrolls inside its own box.
    expect(await hana.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await grid.locator("tbody td").first().focus();
    await hana.keyboard.press("Control+End");
    const corner = grid.locator("tbody tr").last().locator("td").last();
    await expect.poll(() => corner.evaluate((el) => el === document.activeElement)).toBe(true);
    // The corner cell is in view, not under the sticky row or column headers.
    const box = await corner.boundingBox();
    const header = await grid.locator("thead th").last().boundingBox();
    const rowHeader = await grid.locator("tbody tr").last().locator("th").boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(header!.y + header!.height - 1);
    expect(box!.x).toBeGreaterThanOrEqual(rowHeader!.x + rowHeader!.width - 1);
    await hana.getByRole("tooltip").filter({ hasText: "Journeys Support → Journeys Support" }).waitFor();
    await hana.screenshot({ path: path.join(artifactsDir, "hr-heat-map-50.png") });
    await expectNoSeriousA11yViolations(hana, "organisation at 50 departments");
  });
});
