// Approvals in a real browser against the built app on the demo organisation: Erin files a purchase
// order over Finance's 5,000 limit; it waits for approval (nobody in Finance may work it yet). Her
// manager (Rachel Goldberg, head of Marketing) approves from the emailed link, signed in; then the
// head of Finance (Richard Coleman) approves from his; the link then says it was used. The request
// reaches Finance's queue, and its timeline tells the story.
import { describe, expect, inject, it } from "vitest";
import { screenshot } from "../support/browser";
import { browserSession } from "../support/e2e-session";
import { people } from "../support/e2e-people";
import { fetchMails, firstUrl, type CapturedMail } from "../support/smtp-capture";

const { as } = browserSession({ failurePrefix: "failed-approvals" });
const mailApi = inject("mailApiUrl");
const run = Date.now().toString(36);
const title = `Trade fair booth for the spring launch (${run})`;
const rachel = "rachel.goldberg@example.com";
const richard = "richard.coleman@example.com";
let reference = "";

async function approvalMail(to: string): Promise<CapturedMail> {
  let found: CapturedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await fetchMails(mailApi, to)).find((m) => m.subject.startsWith("Approval needed:") && m.subject.includes(reference));
        return Boolean(found);
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(true);
  return found!;
}

/** Opens the emailed link as `name`, checks what it is about, and approves. */
async function approveFromLink(name: string, link: string, expected: RegExp) {
  const page = await as(name);
  await page.goto(new URL(link).pathname);
  await page.getByRole("heading", { level: 1, name: "Approve a request" }).waitFor();
  await page.getByText(title).waitFor();
  await page.getByRole("button", { name: "Approve" }).click();
  await page.getByRole("status").filter({ hasText: expected }).waitFor();
  return page;
}

describe("the demo organisation on first start", () => {
  it("has a purchase order waiting on Fiona Hall, and Erin's requests in the other approval states", async () => {
    const fiona = await as("Fiona Hall");
    await fiona.goto("/approvals");
    await fiona.getByRole("heading", { level: 1, name: "Approvals" }).waitFor();
    await fiona.getByTestId("approvals-waiting").getByText(/PO for Kitchenworks/).waitFor();
    await fiona.setViewportSize({ width: 1366, height: 900 });
    await screenshot(fiona, "approvals-demo-waiting-1366");
    await fiona.setViewportSize({ width: 390, height: 844 });
    await screenshot(fiona, "approvals-demo-waiting-390");

    const erin = await as(people.erin.name);
    await erin.goto("/requests");
    // In progress: one approved into Finance's queue, one waiting on the head of Finance.
    await erin.getByText(/PO for Northwind Events/).filter({ visible: true }).first().waitFor();
    await erin.getByText(/PO for Crescent Research/).filter({ visible: true }).first().waitFor();
    // Its badge says it waits for approval, not "New"; the approved one reads as its status.
    const badge = (title: RegExp) => erin.getByRole("listitem").filter({ hasText: title }).getByTestId("status-badge");
    expect(await badge(/PO for Crescent Research/).textContent()).toBe("Awaiting approval");
    expect(await badge(/PO for Northwind Events/).textContent()).toMatch(/^(New|Open)$/);
    await erin.setViewportSize({ width: 1366, height: 900 });
    await screenshot(erin, "approvals-my-requests-1366");
    await erin.setViewportSize({ width: 390, height: 844 });
    expect(await erin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(erin, "approvals-my-requests-390");
    await erin.setViewportSize({ width: 1366, height: 900 });
    // The rejected one is closed, with its approver's reason.
    await erin.getByRole("link", { name: "All, including closed" }).click();
    await erin.getByText(/PO for Brightline Translations/).filter({ visible: true }).first().click();
    await erin.getByTestId("approvals").getByText(/autumn/).waitFor();
  });
});

describe("a purchase order over the limit", () => {
  it("waits for approval when Erin files it, and Finance cannot work it yet", async () => {
    const erin = await as(people.erin.name);
    await erin.goto("/catalog/FIN/purchase-order");
    await erin.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await erin.getByRole("textbox", { name: "What do you need?", exact: true }).fill("Booth space and furniture at the spring trade fair.");
    await erin.locator("#field-supplier").fill("Messe Events GmbH");
    await erin.locator("#field-amount").fill("12000");
    await erin.locator("#field-currency").selectOption("EUR");
    await erin.locator("#field-costCentre").fill("MKT-400");
    await erin.locator("#field-what").fill("Booth space (36 m²) and furniture for three days.");
    await erin.getByRole("button", { name: "Send request" }).click();
    await erin.waitForURL(/\/requests\/FIN-\d+\?filed=1$/);
    reference = /\/requests\/(FIN-\d+)/.exec(erin.url())![1]!;
    await erin.getByTestId("awaiting-approval").waitFor();
    await erin.getByTestId("approvals").getByText(/Manager: Waiting for a decision/).waitFor();
    await erin.setViewportSize({ width: 1366, height: 900 });
    await screenshot(erin, "approvals-request-waiting-1366");
    await erin.setViewportSize({ width: 390, height: 844 });
    await screenshot(erin, "approvals-request-waiting-390");

    const finance = await as("Richard Coleman");
    await finance.goto(`/requests/${reference}`);
    await finance.getByTestId("awaiting-approval").waitFor();
    expect(await finance.getByRole("button", { name: "Save changes" }).count()).toBe(0);
  });

  it("goes through both steps from the emailed links, each working once, then reaches Finance's queue", async () => {
    const first = await approvalMail(rachel);
    const rachelLink = firstUrl(first.text);
    expect(rachelLink).toMatch(/\/approve\/[\w-]+\.[\w-]+$/);
    const rachelPage = await approveFromLink("Rachel Goldberg", rachelLink, /moves on to its next approval step/);
    await rachelPage.goto(new URL(rachelLink).pathname);
    await rachelPage.getByText(/This approval link has been used already/).waitFor();

    const second = await approvalMail(richard);
    const richardPage = await approveFromLink("Richard Coleman", firstUrl(second.text), /goes to the department now/);
    await richardPage.goto("/approvals");
    await richardPage.getByRole("heading", { level: 1, name: "Approvals" }).waitFor();
    await richardPage.getByRole("table").getByText(reference).waitFor();
    await richardPage.setViewportSize({ width: 1366, height: 900 });
    await screenshot(richardPage, "approvals-page-1366");
    await richardPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(richardPage, "approvals-page-390");

    await richardPage.goto("/queue/FIN");
    // Its row in the queue: one table at every width, a card on this 390 px phone.
    await richardPage.getByText(title).filter({ visible: true }).first().waitFor();
    await richardPage.goto(`/requests/${reference}`);
    const timeline = richardPage.getByTestId("timeline");
    await timeline.getByText(/Rachel Goldberg approved “Manager”/).waitFor();
    await timeline.getByText(/Richard Coleman approved “Finance”/).waitFor();
    await timeline.getByText(/Approved: the department starts on it now/).waitFor();
    expect(await richardPage.getByTestId("awaiting-approval").count()).toBe(0);
  });
});
