// A macro sent from the reply form against the built app on the embedded demo organisation: the
// head of Facilities writes a canned response that also sets the priority; an agent inserts it into
// a reply and sends it; the reply is in the timeline and the priority changed with it (the form's
// send goes through replyWithMacro, which checks the macro's changes before the reply is sent).
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { screenshot } from "../support/browser";
import { browserSession } from "../support/e2e-session";
import { people } from "../support/e2e-people";

const { as } = browserSession();
const run = Date.now().toString(36);
const macroTitle = `Urgent visit (${run})`;
const title = `Water on the floor of room 2.11 (${run})`;

describe.sequential("a macro sent with a reply", () => {
  let reference = "";

  it("the head writes a canned response that also sets the priority", async () => {
    const fiona = await as("Fiona Hall");
    await fiona.goto("/settings/FAC/canned-responses");
    await fiona.getByRole("heading", { level: 1, name: "Facilities canned responses" }).waitFor();
    await fiona.locator("#canned-new-title").fill(macroTitle);
    await fiona.locator("#canned-new-body").fill("Hi {{requester.firstName}}, someone is on the way to {{request.reference}} now.");
    await fiona.locator("#canned-new-priority").selectOption({ label: "Urgent" });
    await fiona.getByRole("button", { name: "Create canned response" }).click();
    await fiona.getByTestId("canned-responses").getByRole("heading", { name: macroTitle }).waitFor();
  });

  it("an employee files a repair", async () => {
    const erin = await as(people.erin.name);
    await erin.goto("/catalog/FAC/repair");
    await erin.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await erin.getByRole("textbox", { name: "What do you need?", exact: true }).fill("A pipe leaks under the sink.");
    await erin.locator("#field-location").fill("Berlin HQ, 2.11");
    await erin.locator("#field-category").selectOption("Doors and locks");
    await erin.getByRole("button", { name: "Send request" }).click();
    await erin.waitForURL(/\/requests\/FAC-\d+\?filed=1$/);
    reference = /\/requests\/(FAC-\d+)/.exec(erin.url())![1]!;
  });

  it("an agent inserts the macro, sends the reply, and the priority changes with it", async () => {
    const frank = await as(people.frank.name);
    await frank.setViewportSize({ width: 1366, height: 900 });
    await frank.goto(`/requests/${reference}`);
    await frank.getByRole("heading", { level: 1, name: title }).waitFor();
    await frank.getByLabel("Canned response").selectOption({ label: macroTitle });
    await frank.getByRole("button", { name: "Insert", exact: true }).click();
    await expect.poll(() => frank.getByTestId("macro-changes").textContent()).toMatch(/Sending also sets priority/);
    await screenshot(frank, "macro-inserted");
    await frank.getByRole("button", { name: "Send public reply" }).click();
    await frank.getByTestId("timeline").locator("article", { hasText: `someone is on the way to ${reference} now` }).waitFor();
    await frank.getByText("The canned response's changes were applied.").waitFor();
    // The agent's triage form shows the request's priority as it is now.
    await expect.poll(() => frank.locator("#triage-priority").inputValue()).toBe("URGENT");
    await expectNoSeriousA11yViolations(frank, "request page after a macro");
    await frank.setViewportSize({ width: 390, height: 844 });
    await frank.reload();
    await frank.getByRole("heading", { level: 1, name: title }).waitFor();
    await screenshot(frank, "macro-sent-phone");
  });
});
