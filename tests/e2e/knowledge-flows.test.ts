// The knowledge flows between requests, writers and publishers, each in a real browser against the
// built app on the demo organisation, with its denial: an agent puts an article's text into a
// reply (an internal one cannot go in), a resolved request becomes a draft in one click, an agent
// flags an article from a request (its owner and the head see it), one helpful vote per person that
// can change, a head names an editor who then publishes (an agent who is not one cannot), a
// publisher returns a draft to its writer with a reason, the catalogue cards list each department's
// answers, HR sees the known-issue load beside the heat map and a head her department's known issues.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot } from "../support/browser";
import { fileCleaning } from "../support/e2e-requests";
import { browserSession } from "../support/e2e-session";

const { as } = browserSession({ failurePrefix: "knowledge-flows" });
const run = Date.now().toString(36);

/** Writes a draft in the department's knowledge desk; returns the article's path. */
async function writeDraft(page: Page, title: string, body: string): Promise<string> {
  await page.goto("/queue/FAC/knowledge");
  const editor = page.getByRole("region", { name: "New article" });
  await editor.getByRole("textbox", { name: "Title" }).fill(title);
  await editor.getByRole("textbox", { name: "Article (Markdown)" }).fill(body);
  await editor.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL(/\/knowledge\/FAC\/[a-z0-9-]+$/);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  return new URL(page.url()).pathname;
}

/** Finds articles from the request page's knowledge card; returns the hit's list item. */
async function findArticle(page: Page, query: string, title: string) {
  const search = page.getByRole("search", { name: "Find an article" });
  await search.getByRole("textbox", { name: "Find an article" }).fill(query);
  await search.getByRole("button", { name: "Find" }).click();
  const hit = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await hit.waitFor();
  return hit;
}

/** "N readers · H helpful · U not helpful" on the article page of one who sees its figures. */
async function votes(page: Page, path: string): Promise<{ helpful: number; notHelpful: number }> {
  await page.goto(path);
  const line = await page.getByText(/\d+ helpful · \d+ not helpful/).innerText();
  const [, helpful, notHelpful] = /(\d+) helpful · (\d+) not helpful/.exec(line)!;
  return { helpful: Number(helpful), notHelpful: Number(notHelpful) };
}

describe.sequential("knowledge flows", () => {
  it("an agent inserts an article's text into a reply; an internal article cannot go in; the requester reads the text", async () => {
    const erin = await as("Erin Evans");
    const reference = await fileCleaning(erin, { title: `Water under the sink (${run})`, description: "The kitchen floor is wet.", location: "Berlin HQ, floor 4" });
    // The requester has no article picker on her own request.
    expect(await erin.getByRole("search", { name: "Find an article" }).count()).toBe(0);

    const frank = await as("Frank Fischer");
    await frank.goto(`/requests/${reference}`);
    const internal = await findArticle(frank, "contractor key safe", "Contractor key safe: codes and hand-over");
    await internal.getByText("(agents only)").waitFor();
    expect(await internal.getByRole("button", { name: "Insert text" }).isDisabled()).toBe(true);
    expect(await internal.getByRole("button", { name: "Insert link" }).isDisabled()).toBe(true);

    const hit = await findArticle(frank, "coffee spill", "Spilled coffee or water: what to do first");
    await hit.getByRole("button", { name: "Insert text" }).click();
    const reply = frank.getByRole("textbox", { name: "Reply or add a note" });
    // The title, the article as plain text (no Markdown marks), and its link last.
    await expect.poll(() => reply.inputValue(), { timeout: 20_000 }).toMatch(/^Spilled coffee or water: what to do first\n\n[\s\S]+\n\nhttp:\/\/\S+\/knowledge\/FAC\/coffee-or-water-spill$/);
    const inserted = await reply.inputValue();
    expect(inserted).not.toMatch(/\*\*|^#/m);
    await screenshot(frank, "knowledge-insert-text");
    await frank.getByRole("button", { name: "Send public reply" }).click();
    await expect.poll(() => reply.inputValue(), { timeout: 20_000 }).toBe("");

    await erin.goto(`/requests/${reference}`);
    const body = inserted.split("\n\n")[1]!.split("\n")[0]!.trim();
    await erin.getByTestId("timeline").getByText(body.slice(0, 40), { exact: false }).first().waitFor();
  }, 240_000);

  it("a resolved request becomes a draft article in one click, with its public answer and never its internal note", async () => {
    const erin = await as("Erin Evans");
    const reference = await fileCleaning(erin, { title: `Whiteboard markers dried out (${run})`, description: "Every marker in room 2.14 is dry.", location: "Berlin HQ, room 2.14" });
    const frank = await as("Frank Fischer");
    await frank.goto(`/requests/${reference}`);
    const box = frank.getByRole("textbox", { name: "Reply or add a note" });
    const timeline = frank.getByTestId("timeline");
    await box.fill(`Fresh markers are in the drawer under the screen (${run}).`);
    await frank.getByRole("button", { name: "Send public reply" }).click();
    await timeline.getByText(`Fresh markers are in the drawer under the screen (${run}).`).waitFor();
    await box.fill(`Internal: the supplier is late again (${run}).`);
    await frank.getByRole("button", { name: "Add internal note" }).click();
    await timeline.getByText(`Internal: the supplier is late again (${run}).`).waitFor();
    // Still open: nothing to draft from yet.
    const draftButton = frank.getByRole("button", { name: "Draft an article from this request" });
    expect(await draftButton.count()).toBe(0);

    const work = frank.locator("form", { has: frank.getByRole("button", { name: "Save changes" }) });
    await work.getByLabel("Status", { exact: true }).selectOption({ label: "Resolved" });
    await work.getByRole("button", { name: "Save changes" }).click();
    await timeline.getByText(/changed the status from .+ to Resolved/).waitFor();
    await draftButton.click();
    await frank.waitForURL(/\/knowledge\/FAC\/whiteboard-markers-dried-out-[a-z0-9-]+$/);
    await frank.getByRole("heading", { level: 1, name: `Whiteboard markers dried out (${run})` }).waitFor();
    await frank.getByText("draft, not published", { exact: false }).waitFor();
    const draft = frank.getByRole("region", { name: /^Draft version 1 by Frank Fischer/ });
    await draft.getByText(`Fresh markers are in the drawer under the screen (${run}).`).first().waitFor();
    await draft.getByText(`Drafted from ${reference}.`).first().waitFor();
    expect(await frank.getByText(`the supplier is late again (${run})`).count()).toBe(0);
    await screenshot(frank, "knowledge-draft-from-request");

    // The requester sees the resolved request without the button, and the draft is not hers to read.
    const path = new URL(frank.url()).pathname;
    await erin.goto(`/requests/${reference}`);
    await erin.getByTestId("timeline").waitFor();
    expect(await erin.getByRole("button", { name: "Draft an article from this request" }).count()).toBe(0);
    expect((await erin.goto(path))?.status()).toBe(404);
  }, 240_000);

  it("an agent flags an article as outdated from a request; its owner is told and the head sees it; an employee cannot flag", async () => {
    const erin = await as("Erin Evans");
    const reference = await fileCleaning(erin, { title: `Speakerphone in 3.02 is silent (${run})`, description: "Nobody hears us.", location: "Berlin HQ, room 3.02" });
    // Marta flags an article Frank owns, from Erin's request.
    const marta = await as("Marta Kowalski");
    await marta.goto(`/requests/${reference}`);
    const hit = await findArticle(marta, "speakerphone", "Meeting room screens and speakerphones");
    await hit.getByText("Flag as out of date").click();
    await hit.getByRole("button", { name: "Flag", exact: true }).click();
    // Bad input first: the reason is required, and nothing is flagged.
    await hit.getByText("Say what is out of date").first().waitFor();
    const note = `The rooms have new speakerphones since May (${run})`;
    await hit.getByRole("textbox", { name: "What is out of date?" }).fill(note);
    await hit.getByRole("button", { name: "Flag", exact: true }).click();
    await hit.getByText("Flagged.", { exact: true }).waitFor();

    const frank = await as("Frank Fischer");
    await frank.goto("/notifications");
    await frank.getByText("“Meeting room screens and speakerphones” was flagged as out of date").first().waitFor();
    await frank.goto("/knowledge/FAC/meeting-room-equipment");
    await frank.getByText(`Flagged as out of date: ${note} (from ${reference})`).waitFor();

    const fiona = await as("Fiona Hall");
    await fiona.goto("/queue/FAC/knowledge");
    await fiona.getByRole("region", { name: "Articles" }).getByRole("listitem").filter({ hasText: "Meeting room screens and speakerphones" }).getByText("flagged out of date", { exact: false }).waitFor();
    await screenshot(fiona, "knowledge-flagged-head");

    // An employee reads the article but has nothing to flag it with.
    await erin.goto("/knowledge/FAC/meeting-room-equipment");
    await erin.getByRole("heading", { level: 1, name: "Meeting room screens and speakerphones" }).waitFor();
    expect(await erin.getByRole("button", { name: "Flag as out of date" }).count()).toBe(0);
  }, 240_000);

  it("helpful or not: one vote per person, which she can change; the head's figures follow", async () => {
    const path = "/knowledge/FAC/coffee-or-water-spill";
    const fiona = await as("Fiona Hall");
    const before = await votes(fiona, path);
    const liam = await as("Liam Foster");
    await liam.goto(path);
    const yes = liam.getByRole("button", { name: "Yes", exact: true });
    const no = liam.getByRole("button", { name: "No", exact: true });
    const pressed = async () => ({ yes: await yes.getAttribute("aria-pressed"), no: await no.getAttribute("aria-pressed") });
    const had = await pressed();
    const hadHelpful = had.yes === "true" ? 1 : 0;
    const hadNot = had.no === "true" ? 1 : 0;

    const vote = async (button: typeof yes) => {
      await Promise.all([liam.waitForResponse((r) => r.request().method() === "POST" && r.ok()), button.click()]);
    };
    await vote(yes);
    await expect.poll(pressed, { timeout: 20_000 }).toEqual({ yes: "true", no: "false" });
    await liam.getByText("your vote counts once, change it any time").waitFor();
    // Voting yes again, after a reload, is still one vote.
    await liam.goto(path);
    await expect.poll(pressed, { timeout: 20_000 }).toEqual({ yes: "true", no: "false" });
    await vote(yes);
    expect(await votes(fiona, path)).toEqual({ helpful: before.helpful - hadHelpful + 1, notHelpful: before.notHelpful - hadNot });

    await liam.goto(path);
    await vote(no);
    await expect.poll(pressed, { timeout: 20_000 }).toEqual({ yes: "false", no: "true" });
    await screenshot(liam, "knowledge-vote");
    expect(await votes(fiona, path)).toEqual({ helpful: before.helpful - hadHelpful, notHelpful: before.notHelpful - hadNot + 1 });

    // An article for Facilities' agents only cannot be opened, so not voted on, by an employee.
    expect((await liam.goto("/knowledge/FAC/contractor-key-safe"))?.status()).toBe(404);
    // And the counts are the head's: the employee's page shows none.
    await liam.goto(path);
    await liam.getByRole("heading", { level: 1 }).waitFor();
    expect(await liam.getByText(/\d+ helpful · \d+ not helpful/).count()).toBe(0);
  }, 240_000);

  it("a head names an editor, who may then publish; an agent who is not one may not", async () => {
    const frank = await as("Frank Fischer");
    const title = `Lost and found at reception (${run})`;
    const path = await writeDraft(frank, title, "Ask at **reception** on the ground floor; items are kept for a month.");
    // Frank writes but does not publish.
    await frank.getByText("The head of Facilities or a named editor publishes it.").waitFor();
    expect(await frank.getByRole("button", { name: /^Publish version/ }).count()).toBe(0);
    // Nor may he name himself: the editors' card is the head's.
    await frank.goto("/queue/FAC/knowledge");
    await frank.getByRole("heading", { level: 1, name: "Facilities: knowledge" }).waitFor();
    expect(await frank.getByRole("heading", { name: "Editors who may publish" }).count()).toBe(0);

    const fiona = await as("Fiona Hall");
    await fiona.goto("/queue/FAC/knowledge");
    const editors = fiona.getByRole("region", { name: "Editors who may publish" });
    const marta = editors.locator("form").filter({ hasText: "Marta Kowalski" });
    await marta.getByRole("button", { name: "Name as editor" }).click();
    await marta.getByText("Marta Kowalski · editor").waitFor();
    await screenshot(fiona, "knowledge-editors");

    const martaPage = await as("Marta Kowalski");
    await martaPage.goto(path);
    await martaPage.getByRole("button", { name: "Publish version 1" }).click();
    await expect.poll(() => martaPage.getByText("draft, not published", { exact: false }).count(), { timeout: 20_000 }).toBe(0);

    const erin = await as("Erin Evans");
    await erin.goto(path);
    await erin.getByRole("heading", { level: 1, name: title }).waitFor();

    // Un-named, Marta no longer publishes (the head's choice holds at once).
    await fiona.goto("/queue/FAC/knowledge");
    await marta.getByRole("button", { name: "Remove as editor" }).click();
    await marta.getByRole("button", { name: "Name as editor" }).waitFor();
    await martaPage.goto("/knowledge/FAC/parking-permit-renewal");
    await martaPage.getByRole("heading", { level: 1, name: "Renewing a parking permit" }).waitFor();
    await martaPage.getByText("The head of Facilities or a named editor publishes it.").waitFor();
    expect(await martaPage.getByRole("button", { name: /^Publish version/ }).count()).toBe(0);
  }, 240_000);

  it("a publisher returns a draft to its writer with a reason; the writer is told, rewrites it, and it is published", async () => {
    const frank = await as("Frank Fischer");
    const title = `Bike room access (${run})`;
    const path = await writeDraft(frank, title, "Use your badge.");
    // The writer cannot send his own draft back.
    expect(await frank.getByText("Return to the writer").count()).toBe(0);

    const fiona = await as("Fiona Hall");
    await fiona.goto(path);
    await fiona.getByText("Return to the writer").click();
    const send = fiona.getByRole("button", { name: "Send back with this reason" });
    await send.click();
    // Bad input first: a reason is required, and the draft is not sent back.
    await fiona.getByText("Say what the writer should change").first().waitFor();
    const reason = `Say which door and the opening hours (${run}).`;
    await fiona.getByRole("textbox", { name: "What should change before it is published?" }).fill(reason);
    await send.click();
    // The page now says so to every writer and publisher, and offers no second return.
    await fiona.getByRole("note").filter({ hasText: reason }).waitFor();
    expect(await fiona.getByText("Return to the writer").count()).toBe(0);

    await frank.goto("/notifications");
    await frank.getByText(`“${title}” was sent back to you`).first().waitFor();
    await frank.goto(path);
    await frank.getByRole("note").filter({ hasText: `Sent back by Fiona Hall` }).filter({ hasText: reason }).waitFor();
    await screenshot(frank, "knowledge-returned");
    await frank.getByText("Edit", { exact: true }).click();
    await frank.getByRole("textbox", { name: "Article (Markdown)" }).fill("Use your badge at the side door on Bahnstraße, 6:00 to 22:00.");
    await frank.getByRole("button", { name: "Save as new version" }).click();
    await frank.getByText("Saved as version 2.", { exact: false }).waitFor();
    await frank.goto(path);
    await frank.getByRole("heading", { name: /^Draft version 2/ }).waitFor();
    expect(await frank.getByRole("note").filter({ hasText: "Sent back by" }).count()).toBe(0);

    await fiona.goto(path);
    await fiona.getByRole("button", { name: "Publish version 2" }).click();
    await expect.poll(() => fiona.getByText("draft, not published", { exact: false }).count(), { timeout: 20_000 }).toBe(0);
  }, 240_000);

  it("each department's card on the catalogue lists its most read answers the person may read", async () => {
    const erin = await as("Erin Evans");
    await erin.goto("/catalog");
    const card = erin.getByRole("region", { name: "Facilities", exact: true });
    const answers = card.getByRole("list", { name: "Popular answers" });
    await answers.getByRole("link", { name: "Spilled coffee or water: what to do first" }).waitFor();
    expect(await answers.getByRole("link", { name: /Contractor key safe/ }).count()).toBe(0);
    expect(await answers.getByRole("link").count()).toBeLessThanOrEqual(3);
    for (const [width, height] of [[1366, 900], [390, 844]] as const) {
      await erin.setViewportSize({ width, height });
      await screenshot(erin, `catalogue-answers-${width}`);
    }
    await answers.getByRole("link", { name: "Spilled coffee or water: what to do first" }).click();
    await erin.getByRole("heading", { level: 1, name: "Spilled coffee or water: what to do first" }).waitFor();

    // Facilities' own agent sees its internal how-to on his department's card.
    const frank = await as("Frank Fischer");
    await frank.goto("/catalog");
    await frank.getByRole("region", { name: "Facilities", exact: true }).getByRole("list", { name: "Popular answers" }).getByRole("link", { name: "Contractor key safe: codes and hand-over" }).waitFor();
  }, 240_000);

  it("HR sees the known-issue load per department beside the heat map; a head sees her own department's known issues, and not the organisation's", async () => {
    const hana = await as("Hana Horvat");
    await hana.goto("/insights/organisation");
    const table = hana.getByTestId("known-issue-load");
    await table.getByRole("row", { name: /Facilities/ }).waitFor();
    await table.getByRole("row", { name: /Information Technology|IT/ }).first().waitFor();
    await screenshot(hana, "known-issue-load");
    // The same load as a layer on the heat map: Facilities' column says how many known issues were in
    // force (to screen readers too), as many as the table counts, and a cell's details repeat it.
    const facilitiesIssues = (await table.getByRole("row", { name: /Facilities/ }).getByRole("cell").first().textContent())?.trim();
    const mark = hana.locator('.hm thead th[data-k="FAC"]').getByTestId("known-issue-mark");
    expect(await mark.getAttribute("title")).toMatch(new RegExp(`^${facilitiesIssues} known issues? in force, [\\d,]+ h$`));
    expect(await hana.locator('.hm thead th[data-k="FAC"]').textContent()).toContain(`known issue`);
    await hana.getByTestId("legend").getByText("known issues of the provider in force in the period").waitFor();
    await screenshot(hana, "heat-map-known-issues");
    const fiona = await as("Fiona Hall");
    expect((await fiona.goto("/insights/organisation"))?.status()).toBe(404);
    await fiona.goto("/insights/FAC/knowledge");
    const issues = fiona.getByRole("region", { name: "Known issues" });
    await issues.getByRole("row", { name: /The lift in building B is out of service/ }).getByRole("cell", { name: "In force" }).waitFor();
    await screenshot(fiona, "known-issues-head");
    // An agent of the department has no head's figures.
    const frank = await as("Frank Fischer");
    expect((await frank.goto("/insights/FAC/knowledge"))?.status()).toBe(404);
  }, 240_000);
});
