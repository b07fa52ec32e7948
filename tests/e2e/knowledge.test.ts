// Knowledge and problems in a real browser against the built app on the demo organisation: a
// requester's typed title finds an article that ends the filing (a deflection the head sees, no
// request), and an agent links three people's requests to a problem and resolves them all at once,
// each requester told once.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { screenshot } from "../support/browser";
import { fileCleaning } from "../support/e2e-requests";
import { browserSession } from "../support/e2e-session";
import { fetchMails } from "../support/smtp-capture";

const { as } = browserSession({ failurePrefix: "knowledge" });
const mailApi = inject("mailApiUrl");
const run = Date.now().toString(36);

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
    await screenshot(frank, "knowledge-problem-resolved");

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
});
