// Teams and canned responses against the built app on the embedded demo organisation: the head of
// Facilities sets Maintenance to round robin (and staffs it through the agent picker), writes a
// canned response; an employee files a repair (Maintenance is its default team) and it arrives
// assigned; an agent inserts the canned response into a reply, edits it and sends it. Axe checks
// both settings pages. Maintenance goes back to "By hand" afterwards, for the files that follow.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { screenshot } from "../support/browser";
import { browserSession } from "../support/e2e-session";
import { people } from "../support/e2e-people";

// At the end the team assigns by hand again, as the other browser tests expect.
const { as } = browserSession({ beforeClose: async () => fiona && setRule(fiona, "By hand") });
const run = Date.now().toString(36);
const cannedTitle = `Technician visit (${run})`;
const title = `Door of room 3.07 does not latch (${run})`;
const maintenance = ["Frank Fischer", "George Adeyemi", "Marta Kowalski"];

let fiona: Page;
let reference = "";

const teamCard = (page: Page, name: string): Locator =>
  page.getByTestId("team").filter({ has: page.getByRole("heading", { level: 2, name, exact: true }) });

async function setRule(page: Page, label: "By hand" | "Round robin") {
  await page.goto("/settings/FAC/teams");
  const card = teamCard(page, "Maintenance");
  await card.getByLabel("Assignment rule of Maintenance").selectOption({ label });
  await card.getByRole("button", { name: "Save rule" }).click();
  await card.getByText("Assignment rule saved.").waitFor();
}

describe.sequential("teams and canned responses", () => {
  it("the head sets Maintenance to round robin and staffs it with the agent picker", async () => {
    fiona = await as("Fiona Hall");
    await fiona.goto("/settings/FAC/teams");
    await fiona.getByRole("heading", { level: 1, name: "Facilities teams" }).waitFor();
    await expectNoSeriousA11yViolations(fiona, "team settings");
    await setRule(fiona, "Round robin");
    const card = teamCard(fiona, "Maintenance");
    await card.getByText(/^Round robin · /).waitFor();

    // The picker offers agents of Facilities only: Sophie is one, Erin (Marketing) is not.
    const picker = card.getByRole("combobox", { name: "Add an agent to Maintenance" });
    await picker.fill("Erin");
    await card.getByText("No active agent matches “Erin”.").waitFor();
    await picker.fill("Sophie");
    await card.getByRole("option", { name: /Sophie Laurent/ }).click();
    await card.getByRole("button", { name: "Add member" }).click();
    const members = card.getByRole("list", { name: "Members of Maintenance" });
    const removeSophie = members.getByRole("button", { name: "Remove Sophie Laurent from the team" });
    await removeSophie.waitFor();
    await screenshot(fiona, "team-settings");
    await expectNoSeriousA11yViolations(fiona, "team settings with a new member");
    await removeSophie.click();
    await expect.poll(() => removeSophie.count()).toBe(0);
  });

  it("the head writes a canned response with placeholders", async () => {
    await fiona.goto("/settings/FAC/canned-responses");
    await fiona.getByRole("heading", { level: 1, name: "Facilities canned responses" }).waitFor();
    await expectNoSeriousA11yViolations(fiona, "canned responses (empty form)");
    // Bad input first: refused beside the field, nothing saved.
    await fiona.locator("#canned-new-title").fill(cannedTitle);
    await fiona.getByRole("button", { name: "Create canned response" }).click();
    await expect.poll(() => fiona.locator('[id="canned-new-body-error"]').textContent()).toMatch(/Write the text/);
    await fiona.locator("#canned-new-body").fill("Hi {{requester.firstName}}, a technician looks at {{request.reference}} tomorrow at 9.\n{{agent.name}}, Facilities");
    await fiona.getByRole("button", { name: "Create canned response" }).click();
    await fiona.getByTestId("canned-responses").getByRole("heading", { name: cannedTitle }).waitFor();
    await screenshot(fiona, "canned-responses-settings");
    await expectNoSeriousA11yViolations(fiona, "canned responses");
  });

  it("an employee files a repair and it arrives assigned by the team's rule", async () => {
    const erin = await as(people.erin.name);
    await erin.goto("/catalog/FAC/repair");
    await erin.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await erin.getByRole("textbox", { name: "What do you need?", exact: true }).fill("The door swings open by itself.");
    await erin.locator("#field-location").fill("Berlin HQ, 3.07");
    await erin.locator("#field-category").selectOption("Doors and locks");
    await erin.getByRole("button", { name: "Send request" }).click();
    await erin.waitForURL(/\/requests\/FAC-\d+\?filed=1$/);
    reference = /\/requests\/(FAC-\d+)/.exec(erin.url())![1]!;
    const assignee = erin.locator("dt", { hasText: "Assignee" }).locator("xpath=following-sibling::dd");
    await expect.poll(() => assignee.textContent()).toMatch(new RegExp(`^(${maintenance.join("|")})$`));
    await erin.getByTestId("timeline").getByText("The desk changed the status from New to Open.").waitFor();
  });

  it("an agent inserts the canned response into a reply, edits it and sends it", async () => {
    const frank = await as(people.frank.name);
    await frank.goto(`/requests/${reference}`);
    await frank.getByRole("heading", { level: 1, name: title }).waitFor();
    await frank.getByRole("button", { name: "Assign by team rule" }).waitFor();
    await frank.getByLabel("Canned response").selectOption({ label: cannedTitle });
    await frank.getByRole("button", { name: "Insert", exact: true }).click();
    const box = frank.locator("#reply-body");
    const filled = `Hi Erin, a technician looks at ${reference} tomorrow at 9.\nFrank Fischer, Facilities`;
    await expect.poll(() => box.inputValue()).toBe(filled);
    await box.press("End");
    await box.pressSequentially(" Please leave the door unlocked.");
    await screenshot(frank, "canned-response-inserted");
    await frank.getByRole("button", { name: "Send public reply" }).click();
    const sent = frank.getByTestId("timeline").locator("article", { hasText: `a technician looks at ${reference}` });
    await sent.waitFor();
    expect(await sent.innerText()).toContain("Frank Fischer, Facilities Please leave the door unlocked.");
    await expect.poll(() => box.inputValue()).toBe("");
  });
});
