// Transfer, merge and link on the agent's request page, in a real browser against the built app on
// the demo organisation: errors beside their fields with nothing saved, then the change itself, the
// old reference leading to the transferred request, and the old department no longer seeing it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runAxe } from "../support/axe";
import { screenshot } from "../support/browser";
import { fileCleaning as fileCleaningRequest } from "../support/e2e-requests";
import { browserSession } from "../support/e2e-session";

const { as } = browserSession();
const run = Date.now().toString(36);

const fileCleaning = (page: Page, title: string) => fileCleaningRequest(page, { title, description: "Coffee on the carpet near the kitchen.", location: "Berlin HQ, floor 3" });

async function expectFieldError(page: Page, id: string, text: RegExp) {
  await expect.poll(() => page.locator(`[id="${id}"]`).textContent()).toMatch(text);
}

describe.sequential("transfer, merge and link", () => {
  let erin: Page;
  let frank: Page;
  let a = "";
  let b = "";

  it("an agent merges a duplicate, after clear errors for a bad number and for itself", async () => {
    erin = await as("Erin Evans");
    a = await fileCleaning(erin, `Coffee spill (${run})`);
    b = await fileCleaning(erin, `Coffee spill again (${run})`);

    frank = await as("Frank Fischer");
    await frank.goto(`/requests/${b}`);
    await frank.getByText("Merge into another request").click();
    const target = frank.getByRole("textbox", { name: "The request this one duplicates" });
    const merge = frank.getByRole("button", { name: "Merge and close this request" });
    await target.fill("coffee");
    await merge.click();
    await expectFieldError(frank, "merge-target-error", /FAC-1042/);
    await target.fill(b);
    await merge.click();
    await expectFieldError(frank, "merge-target-error", /itself/);
    expect(await frank.getByTestId("merged-into").count()).toBe(0);

    await target.fill(a);
    await merge.click();
    await frank.getByTestId("merged-into").waitFor();
    expect(await frank.getByTestId("merged-into").innerText()).toContain(a);
    await screenshot(frank, "request-merged");

    // The requester sees where her duplicate went.
    await erin.goto(`/requests/${b}`);
    await erin.getByTestId("merged-into").getByRole("link", { name: a }).waitFor();
  });

  it("links related requests, shown on both pages, and removes a link", async () => {
    await frank.goto(`/requests/${a}`);
    const input = frank.getByRole("textbox", { name: "Link a request by its number" });
    await input.fill("IT 12");
    await frank.getByRole("button", { name: "Link", exact: true }).click();
    await expectFieldError(frank, "link-reference-error", /FAC-1042/);
    await input.fill(b);
    await frank.getByRole("button", { name: "Link", exact: true }).click();
    await frank.getByTestId("links").getByRole("link", { name: b }).waitFor();
    await frank.goto(`/requests/${b}`);
    await frank.getByTestId("links").getByRole("link", { name: a }).waitFor();
    await frank.getByRole("button", { name: `Remove the link to ${a}` }).click();
    await frank.getByText("No related requests.").waitFor();
  });

  it("transfers to IT: the old number leads to the new one, IT works it and Facilities no longer sees it", async () => {
    await frank.goto(`/requests/${a}`);
    await frank.getByText("Transfer to another department").click();
    await frank.getByRole("button", { name: "Transfer", exact: true }).click();
    await expectFieldError(frank, "transfer-department-error", /department/i);
    await frank.getByLabel("Department", { exact: true }).selectOption({ label: "IT" });
    await frank.getByRole("button", { name: "Transfer", exact: true }).click();
    await expectFieldError(frank, "transfer-reason-error", /why/i);
    await frank.getByLabel("Reason", { exact: true }).fill("The coffee machine is IT's, they look after it.");
    await frank.getByRole("button", { name: "Transfer", exact: true }).click();
    await frank.waitForURL(/\/queue\/FAC/);
    // Frank is told where it went, with a link to IT's desk (he no longer sees the request itself).
    const notice = frank.getByTestId("transfer-notice");
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(new RegExp(`${a} is now IT-\\d+ with IT\\.`));
    expect(await notice.getByRole("link", { name: "IT" }).getAttribute("href")).toBe("/catalog/IT");
    expect((await runAxe(frank)).violations).toEqual([]);

    await erin.goto(`/requests/${a}`);
    await erin.waitForURL(/\/requests\/IT-\d+/);
    const moved = new URL(erin.url()).pathname.split("/").pop()!;
    await erin.getByText(`formerly ${a}`).waitFor();
    const line = erin.getByText(/transferred the request from Facilities/);
    await line.waitFor();
    // One sentence per part, each ended once; the answers keep their labels, never raw keys.
    const history = await line.innerText();
    expect(history).toMatch(/to IT \(IT-\d+\)\. Reason: The coffee machine is IT's, they look after it\.( Details given: .+\.)?$/);
    expect(history).not.toMatch(/\.\.|::|: :|\.:/);
    const labels = await erin.locator("[data-testid^='field-'] dt").allInnerTexts();
    for (const label of labels) expect(label).not.toMatch(/^[a-z]+[A-Z]\w*$/);

    const ivan = await as("Ivan Ito");
    await ivan.goto(`/requests/${moved}`);
    await ivan.getByText("Work this request").waitFor();
    await screenshot(ivan, "request-transferred");

    for (const ref of [a, moved]) {
      await frank.goto(`/requests/${ref}`);
      await frank.getByRole("heading", { name: "Not found" }).waitFor();
    }
  });
});
