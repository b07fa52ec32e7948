// The request form and the catalogue's field editor on react-hook-form, in a real browser against the
// built app on the embedded demo organisation: mistakes show beside their fields before anything is
// posted (on leaving a field and on submit), the focus goes to the first one, leaving a field for the
// submit button does not check it (the click lands), a server refusal keeps everything typed, the
// server still refuses a bad post that skips the browser's checks (no JavaScript), and the field
// editor adds, removes and reorders fields and options that are saved and read back.
import crypto from "node:crypto";
import type { Page, Request } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { screenshot } from "../support/browser";
import { browserSession } from "../support/e2e-session";
import { addOptions } from "../support/field-editor";
import { expectErrorBeside } from "../support/expect-error-beside";

const { as, actingOn } = browserSession({ failurePrefix: "request-form-client" });
const baseUrl = inject("baseUrl");
const formPath = "/catalog/IT/software-licence";
const run = crypto.randomBytes(3).toString("hex");

/** Filings posted by the page (the Server Action's body carries the form's submission key). */
function watchFilings(page: Page): Request[] {
  const filings: Request[] = [];
  page.on("request", (r) => {
    // A Server Action call; the browser shows no body for one with files in it (only a filing sends files).
    const body = r.postDataBuffer();
    if (r.method() === "POST" && r.headers()["next-action"] && (!body || body.toString("latin1").includes("submissionKey"))) filings.push(r);
  });
  return filings;
}

const newestReference = async (page: Page) => {
  await page.goto("/requests?show=all");
  await page.getByRole("heading", { name: "My requests" }).waitFor();
  return page.locator('main a[href^="/requests/"]').first().getAttribute("href");
};

describe.sequential("the request form in the browser", () => {
  let erin: Page;

  it("shows each mistake beside its field when the field is left, before anything is posted", async () => {
    erin = await as("Erin Evans");
    await erin.setViewportSize({ width: 1366, height: 900 });
    await erin.goto(formPath);
    const filings = watchFilings(erin);
    const title = erin.getByRole("textbox", { name: "Title", exact: true });
    await title.fill("ab");
    await erin.keyboard.press("Tab");
    await expectErrorBeside(erin, title, "title-error", /at least 3 characters/);
    const seats = erin.getByLabel(/Number of licences/);
    await seats.fill("99");
    await seats.blur();
    await expectErrorBeside(erin, seats, "fieldValues.seats-error", /Number of licences must be at most 50/);
    // Once shown, a message goes as soon as the field is put right.
    await title.fill("Visio for the floor plans");
    await expect.poll(() => erin.locator('[id="title-error"]').count()).toBe(0);
    expect(await title.getAttribute("aria-invalid")).toBe("false");
    expect(filings).toHaveLength(0);
  });

  it("does not check a field left for the submit button: the click submits, every mistake shows and the first one has the focus", async () => {
    const filings = watchFilings(erin);
    const costCentre = erin.getByLabel(/Cost centre/);
    await costCentre.focus();
    const send = erin.getByRole("button", { name: "Send request" });
    await send.click();
    // The click landed (no message pushed the button away first) and submitted: the untouched
    // required fields are flagged now, and the first wrong field in the form has the focus.
    await expectErrorBeside(erin, erin.locator('[id="field-product"]'), "fieldValues.product-error", /Software is required/);
    await expectErrorBeside(erin, costCentre, "fieldValues.costCentre-error", /Cost centre is required/);
    await expectErrorBeside(erin, erin.getByRole("textbox", { name: "What do you need?", exact: true }), "description-error", /Describe what you need/);
    await expect.poll(() => erin.evaluate(() => document.activeElement?.id)).toBe("description");
    expect(filings).toHaveLength(0);
    await expectNoSeriousA11yViolations(erin, "request form with errors, 1366 px");
    await screenshot(erin, "request-form-client-errors-1366");
    await erin.setViewportSize({ width: 390, height: 844 });
    expect(await erin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoSeriousA11yViolations(erin, "request form with errors, 390 px");
    await screenshot(erin, "request-form-client-errors-390");
    await erin.setViewportSize({ width: 1366, height: 900 });
  });

  it("keeps everything typed and chosen when the server refuses, then files", async () => {
    const description = `We draw the new floor plans in Visio (${run}).`;
    await erin.getByRole("textbox", { name: "What do you need?", exact: true }).fill(description);
    await erin.locator('[id="field-product"]').selectOption("Microsoft Visio");
    await erin.getByLabel(/Number of licences/).fill("2");
    await erin.getByLabel(/Cost centre/).fill("CC-4711");
    // Named like a picture, but its bytes are no kind of file the desk takes: only the server can tell.
    await erin.locator('[id="field-quote"]').setInputFiles({ name: "quote.png", mimeType: "image/png", buffer: crypto.randomBytes(2048) });
    const filings = watchFilings(erin);
    await erin.getByRole("button", { name: "Send request" }).click();
    await expect.poll(() => erin.locator('[id="fieldValues.quote-error"]').textContent()).toMatch(/quote\.png/);
    expect(filings).toHaveLength(1);
    expect(await erin.getByRole("textbox", { name: "Title", exact: true }).inputValue()).toBe("Visio for the floor plans");
    expect(await erin.getByRole("textbox", { name: "What do you need?", exact: true }).inputValue()).toBe(description);
    expect(await erin.locator('[id="field-product"]').inputValue()).toBe("Microsoft Visio");
    expect(await erin.getByLabel(/Number of licences/).inputValue()).toBe("2");
    expect(await erin.getByLabel(/Cost centre/).inputValue()).toBe("CC-4711");
    await expect.poll(() => erin.evaluate(() => document.activeElement?.id)).toBe("field-quote");

    await erin.locator('[id="field-quote"]').setInputFiles([]);
    await erin.getByRole("button", { name: "Send request" }).click();
    await erin.waitForURL(/\/requests\/IT-\d+\?filed=1/);
    expect(await erin.getByTestId("field-seats").innerText()).toMatch(/2/);
    expect(await erin.getByTestId("field-costCentre").innerText()).toMatch(/CC-4711/);
  });

  it("is refused by the server when the browser's checks are skipped (no JavaScript): nothing is filed", async () => {
    const newest = await newestReference(erin);
    const context = await erin.context().browser()!.newContext({ baseURL: baseUrl, javaScriptEnabled: false });
    try {
      await context.addCookies(await erin.context().cookies());
      const page = await context.newPage();
      actingOn(page);
      await page.goto(formPath);
      await page.getByRole("textbox", { name: "Title", exact: true }).fill("ab");
      await page.getByRole("button", { name: "Send request" }).click();
      await page.locator('[id="title-error"]').getByText(/at least 3 characters/).waitFor();
      expect(await page.locator('[id="description-error"]').textContent()).toMatch(/Describe what you need/);
      expect(new URL(page.url()).pathname).toBe(formPath);
    } finally {
      await context.close();
    }
    actingOn(erin);
    expect(await newestReference(erin)).toBe(newest);
  });
});

describe.sequential("the field editor in the browser", () => {
  const typeName = `Desk lamp ${run}`;
  let fiona: Page;
  const legends = () => fiona.locator("#fields-heading ~ form > ol > li > fieldset > legend").allInnerTexts();
  const optionValues = (field: string) =>
    fiona.getByRole("group", { name: new RegExp(`^\\d+\\. ${field} \\(`) }).getByRole("textbox", { name: /^Option \d+ of/ }).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

  it("adds, removes and reorders fields and options, and the saved form reads back the same", async () => {
    fiona = await as("Fiona Hall");
    await fiona.setViewportSize({ width: 1366, height: 900 });
    await fiona.goto("/settings/FAC/catalog");
    await fiona.getByText("New request type").click();
    await fiona.getByLabel("Name", { exact: true }).fill(typeName);
    await fiona.getByRole("button", { name: "Add request type" }).click();
    await fiona.getByTestId("request-types").getByRole("link", { name: typeName }).click();
    await fiona.getByRole("heading", { name: typeName, level: 1 }).waitFor();

    for (const label of ["Colour", "Height", "Notes"]) {
      await fiona.getByRole("button", { name: "Add a field" }).click();
      await fiona.waitForFunction(() => document.activeElement?.id.endsWith("-label") ?? false);
      await fiona.keyboard.type(label);
    }
    await fiona.getByRole("group", { name: /^1\. Colour/ }).getByLabel("Kind").selectOption("select");
    await addOptions(fiona, "Colour", ["Red", "Green", "Blue"]);
    await fiona.getByRole("group", { name: /^2\. Height/ }).getByLabel("Kind").selectOption("number");
    // An option left empty is flagged beside it, and nothing is saved.
    await addOptions(fiona, "Colour", [""]);
    await fiona.getByRole("button", { name: "Save form" }).click();
    await fiona.getByText("An option cannot be empty").waitFor();
    await fiona.getByText("Some fields need a fix").waitFor();
    await fiona.getByRole("button", { name: "Remove option option 4" }).click();

    await fiona.getByRole("button", { name: "Move option Blue up" }).click();
    expect(await optionValues("Colour")).toEqual(["Red", "Blue", "Green"]);
    await fiona.getByRole("button", { name: "Remove option Red" }).click();
    expect(await optionValues("Colour")).toEqual(["Blue", "Green"]);
    await fiona.getByRole("button", { name: "Move Notes up" }).click();
    await fiona.getByRole("button", { name: "Remove Height" }).click();
    expect(await legends()).toEqual(["1. Colour (Choice (one))", "2. Notes (Short text)"]);
    await fiona.getByRole("button", { name: "Move Notes up" }).click();
    expect(await legends()).toEqual(["1. Notes (Short text)", "2. Colour (Choice (one))"]);
    await expectNoSeriousA11yViolations(fiona, "field editor");
    await screenshot(fiona, "field-editor-1366");

    await fiona.getByRole("button", { name: "Save form" }).click();
    await fiona.getByText("Form saved.").waitFor();
    await fiona.reload();
    await fiona.getByRole("group", { name: /^2\. Colour/ }).waitFor();
    expect(await legends()).toEqual(["1. Notes (Short text)", "2. Colour (Choice (one))"]);
    expect(await optionValues("Colour")).toEqual(["Blue", "Green"]);
    expect(await fiona.getByRole("group", { name: /^1\. Notes/ }).getByLabel("Key").inputValue()).toBe("notes");
    await fiona.setViewportSize({ width: 390, height: 844 });
    expect(await fiona.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(fiona, "field-editor-390");
  });
});
