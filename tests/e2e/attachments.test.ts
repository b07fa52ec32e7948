// Attachments in a real browser against the built app: Erin files a Facilities repair with a photo,
// her reply with an executable dressed up as a PNG is refused beside the file field (nothing sent,
// her text kept), the real screenshot goes through, and Frank (agent of Facilities) downloads it
// byte for byte, while Ivan (agent of IT) gets a 404 for the same link.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPersonPage, screenshot, signInViaDemo } from "../support/browser";
import { people } from "../support/e2e-people";
import { exeBytes, pngBytes } from "../support/files";

const baseUrl = inject("baseUrl");
const run = Date.now().toString(36);
const title = `Display flickers in meeting room Atlas (${run})`;
const reply = `Here is a screenshot of the error (${run}).`;

let browser: Browser;
const contexts: BrowserContext[] = [];
let current: Page | undefined;
let reference = "";
let downloadHref = "";

async function personPage(name: string): Promise<{ context: BrowserContext; page: Page }> {
  const person = await newPersonPage(browser, baseUrl);
  contexts.push(person.context);
  current = person.page;
  await signInViaDemo(person.page, name);
  return person;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async ({ task }) => {
  if (task.result?.state === "fail" && current) {
    await screenshot(current, `failed-${task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`).catch(() => {});
  }
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

describe.sequential("attachments", () => {
  it("Erin files a repair with a photo, is refused a disguised executable, then sends a real screenshot", async () => {
    const { page: erin } = await personPage(people.erin.name);
    await erin.goto("/catalog/FAC/repair");
    await erin.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await erin.getByRole("textbox", { name: "What do you need?", exact: true }).fill("The wall display in Atlas flickers every few seconds.");
    await erin.locator("#field-location").fill("Berlin HQ, Atlas");
    await erin.locator("#field-category").selectOption("Electrical");
    const filingFiles = erin.getByLabel("Attach files");
    await erin.getByText(/Up to 5 files, \d+ MB each/).waitFor();
    await filingFiles.setInputFiles({ name: "atlas-display.png", mimeType: "image/png", buffer: Buffer.from(pngBytes()) });
    await erin.getByRole("button", { name: "Send request" }).click();
    await erin.waitForURL(/\/requests\/FAC-\d+\?filed=1$/);
    reference = /\/requests\/(FAC-\d+)/.exec(erin.url())![1]!;
    await erin.getByRole("heading", { level: 1, name: title }).waitFor();
    await erin.getByRole("list", { name: "Attached files" }).getByRole("link", { name: "atlas-display.png" }).waitFor();

    // An executable named like a screenshot: refused beside the field, nothing sent, the text kept.
    const timeline = erin.getByTestId("timeline");
    const box = erin.getByRole("textbox", { name: "Reply", exact: true });
    const files = erin.locator("#reply-attachments");
    await box.fill(reply);
    await files.setInputFiles({ name: "screenshot.png", mimeType: "image/png", buffer: Buffer.from(exeBytes()) });
    await erin.getByRole("button", { name: "Send reply" }).click();
    const error = erin.locator('[id="reply-attachments-error"]');
    await expect.poll(() => error.textContent()).toMatch(/“screenshot\.png” is not a kind of file the desk accepts/);
    await expect.poll(() => files.getAttribute("aria-invalid")).toBe("true");
    expect(await files.getAttribute("aria-describedby")).toContain("reply-attachments-error");
    expect(await box.inputValue()).toBe(reply);
    expect(await timeline.getByText(reply).count()).toBe(0);
    await screenshot(erin, "attachment-refused");

    // The real screenshot goes through and is listed under the reply with its size.
    await files.setInputFiles({ name: "screenshot.png", mimeType: "image/png", buffer: Buffer.from(pngBytes()) });
    await erin.getByRole("button", { name: "Send reply" }).click();
    const sent = timeline.locator("article", { hasText: reply });
    await sent.waitFor();
    const link = sent.getByRole("link", { name: "screenshot.png" });
    await link.waitFor();
    await sent.getByText(`${pngBytes().length} bytes`).waitFor();
    await expect.poll(() => box.inputValue()).toBe("");
    expect(await error.count()).toBe(0);
    downloadHref = (await link.getAttribute("href"))!;
    expect(downloadHref).toMatch(/^\/api\/attachments\/[a-z0-9]+$/);
  });

  it("Frank, agent of Facilities, downloads exactly the PNG Erin sent; Ivan of IT gets a 404", async () => {
    expect(downloadHref).not.toBe("");
    const { context: frankContext, page: frank } = await personPage(people.frank.name);
    await frank.goto(`/requests/${reference}`);
    const link = frank.getByTestId("timeline").locator("article", { hasText: reply }).getByRole("link", { name: "screenshot.png" });
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe(downloadHref);

    const response = await frankContext.request.get(downloadHref);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["cache-control"]).toMatch(/^private/);
    expect(response.headers()["content-disposition"]).toBe(`inline; filename="screenshot.png"; filename*=UTF-8''screenshot.png`);
    expect(new Uint8Array(await response.body())).toEqual(pngBytes());

    const { context: ivanContext } = await personPage(people.ivan.name);
    expect((await ivanContext.request.get(downloadHref)).status()).toBe(404);
    const signedOut = await browser.newContext({ baseURL: baseUrl });
    contexts.push(signedOut);
    expect((await signedOut.request.get(downloadHref)).status()).toBe(401);
  });
});
