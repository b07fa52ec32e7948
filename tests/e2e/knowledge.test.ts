// Knowledge and problems in a real browser against the built app on the demo organisation: a
// requester's typed title finds an article that ends the filing (a deflection the head sees, no
// request), and an agent links three people's requests to a problem and resolves them all at once,
// each requester told once.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { formatViolations, runAxe } from "../support/axe";
import { screenshot } from "../support/browser";
import { fileCleaning } from "../support/e2e-requests";
import { pngBytes } from "../support/files";
import { browserSession } from "../support/e2e-session";
import { fetchMails } from "../support/smtp-capture";

const { as } = browserSession({ failurePrefix: "knowledge" });
const mailApi = inject("mailApiUrl");
const run = Date.now().toString(36);

/** Zero axe violations, of any impact, at a laptop's and a phone's width. */
async function axeAtBothWidths(page: Page, name: string) {
  for (const [width, height] of [[1366, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    const { violations } = await runAxe(page);
    expect(violations, `${name} at ${width} px:\n${formatViolations(violations)}`).toEqual([]);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function cleaningDeflections(fiona: Page): Promise<number> {
  await fiona.goto("/insights/FAC/knowledge");
  const row = fiona.getByRole("table").filter({ hasText: "Answered without a request" }).getByRole("row", { name: /Cleaning/ });
  return Number((await row.getByRole("cell").nth(1).innerText()).trim());
}

describe.sequential("knowledge", () => {
  it("a requester types a title, gets the article, says it answered, and no request is filed", async () => {
    const fiona = await as("Fiona Hall");
    const before = await cleaningDeflections(fiona);

    const erin = await as("Erin Evans");
    await erin.goto("/catalog/FAC/cleaning");
    await erin.getByRole("textbox", { name: "Title", exact: true }).pressSequentially(`Coffee spill ${run}`, { delay: 20 });
    const suggestions = erin.getByRole("region", { name: "Articles that may answer this" });
    await suggestions.getByRole("link", { name: "Spilled coffee or water: what to do first" }).waitFor();
    // The internal Facilities how-to never shows to an employee.
    expect(await suggestions.getByText("Contractor key safe").count()).toBe(0);
    await screenshot(erin, "knowledge-suggestion");
    await erin.getByRole("button", { name: "This answered my question: Spilled coffee or water: what to do first" }).click();
    await erin.waitForURL(/\/knowledge\/FAC\/coffee-or-water-spill\?answered=1/);
    await erin.getByText("No request was filed.").waitFor();
    await erin.getByRole("heading", { name: "Spilled coffee or water: what to do first" }).waitFor();

    await erin.goto(`/search?q=${run}`);
    await erin.getByTestId("no-results").waitFor();
    expect(await cleaningDeflections(fiona)).toBe(before + 1);
  }, 240_000);

  it("an agent links three requests to a problem, resolves it, and all three requesters are told once", async () => {
    const requesters = ["Erin Evans", "Liam Foster", "Grace Kim"];
    const pages: Page[] = [];
    const refs: string[] = [];
    for (const name of requesters) {
      const page = await as(name);
      pages.push(page);
      refs.push(await fileCleaning(page, { title: `Carpet still wet (${run})`, description: "The carpet cleaner left it soaking.", location: "Berlin HQ, floor 2" }));
    }
    const frank = await as("Frank Fischer");
    const problem = await fileCleaning(frank, { title: `Carpet cleaning machine leaks (${run})`, description: "Every carpet it cleans stays wet.", location: "Berlin HQ" });

    for (const ref of refs) {
      await frank.goto(`/requests/${ref}`);
      const input = frank.getByRole("textbox", { name: "Link to problem (request number)" });
      await input.fill(problem);
      await frank.getByRole("button", { name: "Link to problem" }).click();
      await frank.getByText(`Part of the problem ${problem}`).waitFor();
    }

    await frank.goto(`/requests/${problem}`);
    await frank.getByText("3 linked requests:").waitFor();
    await frank.getByRole("button", { name: "Resolve problem" }).click();
    await expect.poll(() => frank.locator('[id="problem-fix-error"]').textContent()).toMatch(/Describe the fix/);
    await frank.getByRole("textbox", { name: "The fix (every linked requester reads it)" }).fill("We replaced the leaking pump of the carpet cleaner; carpets dry within an hour now.");
    await frank.getByRole("button", { name: "Resolve problem" }).click();
    // The problem and its three linked requests are resolved: the problem's page lists them so.
    await expect.poll(() => frank.getByRole("list", { name: "Linked requests" }).getByRole("listitem").filter({ hasText: "· Resolved" }).count(), { timeout: 60_000 }).toBe(3);
    await axeAtBothWidths(frank, "knowledge-problem-resolved");

    for (const [i, page] of pages.entries()) {
      await page.goto(`/requests/${refs[i]}`);
      await page.getByText("We replaced the leaking pump").first().waitFor();
      await page.goto("/notifications");
      const notices = page.getByRole("link", { name: `${refs[i]} is resolved: the cause was fixed` });
      await notices.first().waitFor();
      expect(await notices.count()).toBe(1);
      expect(await page.getByRole("link", { name: new RegExp(`New reply on ${refs[i]}|${refs[i]} is now Resolved`) }).count()).toBe(0);
    }
    // By email too, once: the notice with the fix, and the usual rating request beside it.
    const mails = async () => (await fetchMails(mailApi, "erin.employee@example.com")).filter((m) => m.subject.includes(refs[0]!));
    await expect.poll(async () => (await mails()).length, { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(2);
    const subjects = (await mails()).map((m) => m.subject);
    expect(subjects.filter((s) => s === `${refs[0]} is resolved: the cause was fixed`)).toHaveLength(1);
    expect(subjects.filter((s) => /^How did Facilities do on/.test(s))).toHaveLength(1);
    expect(subjects).toHaveLength(2);
  }, 360_000);

  it("an agent finds an article from the request page and inserts its link into the reply, which the requester reads", async () => {
    const erin = await as("Erin Evans");
    const reference = await fileCleaning(erin, { title: `Coffee on the carpet (${run})`, description: "Someone knocked over a cup by the lifts.", location: "Berlin HQ, floor 1" });
    const frank = await as("Frank Fischer");
    await frank.goto(`/requests/${reference}`);
    const reply = frank.getByRole("textbox", { name: "Reply or add a note" });
    const search = frank.getByRole("search", { name: "Find an article" });
    await search.getByRole("textbox", { name: "Find an article" }).fill("coffee spill");
    await search.getByRole("button", { name: "Find" }).click();
    const hit = frank.getByRole("listitem").filter({ has: frank.getByRole("link", { name: "Spilled coffee or water: what to do first" }) });
    await axeAtBothWidths(frank, "knowledge-insert-search");
    await hit.getByRole("button", { name: "Insert link" }).click();
    // Into the empty box, with the cursor after it, so the agent writes on.
    await expect.poll(() => reply.inputValue(), { timeout: 20_000 }).toMatch(/^Spilled coffee or water: what to do first: http:\/\/[^\s]+\/knowledge\/FAC\/coffee-or-water-spill$/);
    await expect.poll(() => reply.evaluate((el) => el === document.activeElement), { timeout: 20_000 }).toBe(true);
    await frank.keyboard.type(" Please read it first.");
    await frank.keyboard.press("Control+Home");
    await frank.keyboard.type("Hello Erin, ");
    expect(await reply.inputValue()).toMatch(/^Hello Erin, Spilled coffee or water: what to do first: \S+coffee-or-water-spill Please read it first\.$/);
    await frank.getByRole("button", { name: "Send public reply" }).click();
    await frank.getByTestId("timeline").getByText(/Hello Erin, Spilled coffee or water/).waitFor();

    await erin.goto(`/requests/${reference}`);
    await erin.getByTestId("timeline").getByText(/knowledge\/FAC\/coffee-or-water-spill/).waitFor();
  }, 240_000);

  it("an agent writes an article in the editor, the head publishes it, and an employee reads it", async () => {
    const title = `Booking the roof terrace (${run})`;
    const frank = await as("Frank Fischer");
    await frank.goto("/queue/FAC/knowledge");
    await frank.getByRole("heading", { level: 1, name: "Facilities: knowledge" }).waitFor();
    await axeAtBothWidths(frank, "knowledge-desk");
    const editor = frank.getByRole("region", { name: "New article" });
    // Bad input first: the message is beside the field and nothing is saved.
    await editor.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(() => editor.locator('[id="new-title-error"]').textContent(), { timeout: 20_000 }).toBeTruthy();
    await editor.getByRole("textbox", { name: "Title" }).fill(title);
    await editor.getByRole("textbox", { name: "Article (Markdown)" }).fill("## Who may book\n\nEvery team, **up to two weeks** ahead.\n\n<script>alert(1)</script>");
    await editor.getByRole("button", { name: "Save draft" }).click();
    await frank.waitForURL(/\/knowledge\/FAC\/[a-z0-9-]+$/);
    const path = new URL(frank.url()).pathname;
    await frank.getByRole("heading", { level: 1, name: title }).waitFor();
    await frank.getByText("draft, not published", { exact: false }).waitFor();
    // Rendered safely: the heading and the emphasis, never the script.
    await frank.getByRole("heading", { name: "Who may book" }).waitFor();
    expect(await frank.locator("script", { hasText: "alert(1)" }).count()).toBe(0);
    await axeAtBothWidths(frank, "article-editor");

    // An image through the attachment storage: uploaded in the editor, put into the text, saved.
    await frank.getByText("Edit", { exact: true }).click();
    await frank.getByRole("form", { name: "Add images or files" }).getByLabel("Add images or files").setInputFiles({ name: "terrace.png", mimeType: "image/png", buffer: Buffer.from(pngBytes()) });
    await frank.getByRole("button", { name: "Upload into the text" }).click();
    const body = frank.getByRole("textbox", { name: "Article (Markdown)" });
    // At the cursor: the box was never clicked, so at its start, above the text.
    await expect.poll(() => body.inputValue(), { timeout: 20_000 }).toMatch(/^!\[terrace\.png\]\(\/api\/article-files\/[a-z0-9]+\)\n## Who may book/);
    const imagePath = /\/api\/article-files\/[a-z0-9]+/.exec(await body.inputValue())![0];
    await frank.getByRole("button", { name: "Save as new version" }).click();
    await frank.getByText("Saved as version 2.", { exact: false }).waitFor();
    expect((await frank.request.get(imagePath)).status()).toBe(200);

    // An employee cannot read a draft, nor its image.
    const erin = await as("Erin Evans");
    expect((await erin.request.get(imagePath)).status()).toBe(404);
    const draft = await erin.goto(path);
    expect(draft?.status()).toBe(404);

    const fiona = await as("Fiona Hall");
    await fiona.goto(path);
    await fiona.getByRole("button", { name: "Publish version 2" }).click();
    // Published: the page no longer says "draft" and offers nothing to publish.
    await expect.poll(() => fiona.getByText("draft, not published", { exact: false }).count(), { timeout: 20_000 }).toBe(0);
    expect(await fiona.getByRole("button", { name: /^Publish version/ }).count()).toBe(0);

    await erin.goto(path);
    await erin.getByRole("heading", { level: 1, name: title }).waitFor();
    await erin.getByText("up to two weeks").waitFor();
    // The published article shows the image, and its reader may load it.
    const image = erin.getByRole("img", { name: "terrace.png" });
    await expect.poll(() => image.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0), { timeout: 20_000 }).toBe(true);
    expect((await erin.request.get(imagePath)).status()).toBe(200);
  }, 240_000);

  it("the knowledge pages readers and heads use have no axe violations at 1366 and 390 px", async () => {
    const erin = await as("Erin Evans");
    await erin.goto("/knowledge/FAC");
    await erin.getByRole("heading", { level: 1, name: "Answers from Facilities" }).waitFor();
    await axeAtBothWidths(erin, "knowledge-department");
    await erin.goto("/knowledge/FAC/coffee-or-water-spill");
    await erin.getByRole("heading", { level: 1, name: "Spilled coffee or water: what to do first" }).waitFor();
    await axeAtBothWidths(erin, "knowledge-article");
    await erin.goto("/search?q=coffee");
    // The article's own link (a request of an earlier test quotes its title in a reply).
    await erin.locator('a[href="/knowledge/FAC/coffee-or-water-spill"]').waitFor();
    await axeAtBothWidths(erin, "knowledge-search");
    const fiona = await as("Fiona Hall");
    await fiona.goto("/insights/FAC/knowledge");
    await fiona.getByRole("heading", { name: "Deflections per request type" }).waitFor();
    await axeAtBothWidths(fiona, "knowledge-insights");
  }, 240_000);

  it("an agent announces a known issue; employees about to file follow it instead (on the form and on the catalogue), and each hears once when it is fixed", async () => {
    const issue = `The goods lift in building B is out of service (${run})`;
    const frank = await as("Frank Fischer");
    await frank.goto("/queue/FAC/knowledge");
    const announce = frank.getByRole("region", { name: "Known issues" });
    await announce.getByRole("textbox", { name: "What is broken" }).fill(issue);
    await announce.getByRole("checkbox", { name: "Cleaning" }).check();
    await announce.getByRole("button", { name: "Announce" }).click();
    await announce.getByText("Announced on the catalogue.").waitFor();

    const erin = await as("Erin Evans");
    await erin.goto("/catalog/FAC/cleaning");
    const known = erin.getByRole("region", { name: "Known issues" }).getByRole("status").filter({ hasText: issue });
    await known.waitFor();
    await axeAtBothWidths(erin, "known-issue-form");
    await known.getByRole("button", { name: "Follow this" }).click();
    await known.getByText("You follow this issue. No need to file a request for it.").waitFor();

    // Another employee sees it on the catalogue's Facilities card and follows it from there.
    const liam = await as("Liam Foster");
    await liam.goto("/catalog");
    const card = liam.getByRole("region", { name: "Facilities", exact: true }).getByRole("status").filter({ hasText: issue });
    await card.waitFor();
    await axeAtBothWidths(liam, "known-issue-catalogue");
    await card.getByRole("button", { name: `Follow this: ${issue}` }).click();
    await card.getByText("You follow this issue.", { exact: false }).waitFor();
    // Followed stays followed: the catalogue and the form say so after a reload.
    await liam.goto("/catalog/FAC/cleaning");
    await liam.getByRole("region", { name: "Known issues" }).getByRole("status").filter({ hasText: issue }).getByText("You follow this issue.", { exact: false }).waitFor();

    await frank.goto("/queue/FAC/knowledge");
    const item = frank.getByRole("listitem").filter({ hasText: issue });
    await expect.poll(() => item.innerText(), { timeout: 20_000 }).toMatch(/2 following/);
    await item.getByRole("textbox", { name: "Note to followers (optional)" }).fill("A new motor is in.");
    await item.getByRole("button", { name: "It is fixed" }).click();
    await expect.poll(() => frank.getByRole("listitem").filter({ hasText: issue }).count(), { timeout: 20_000 }).toBe(0);

    await erin.goto("/catalog/FAC/cleaning");
    await erin.getByRole("heading", { level: 1 }).waitFor();
    expect(await erin.getByText(issue).count()).toBe(0);
    for (const page of [erin, liam]) {
      await page.goto("/notifications");
      await expect.poll(() => page.getByText(`Fixed: ${issue}`, { exact: false }).count(), { timeout: 30_000 }).toBe(1);
    }
  }, 300_000);
});
