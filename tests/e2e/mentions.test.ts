// Issue 19's @mentions and person picker in the built app on the demo organisation: Erin files a
// cleaning request; Frank (Facilities) types @ in the reply box and is offered the people who may
// read it, picks Erin with the keyboard, is told before sending that a mention matches nobody and
// that Erin may not read an internal note, and sends the reply; Erin is told she was mentioned and
// adds a follower with the co-worker picker by keyboard. axe at 1366 and 390 px with the list open.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { screenshot } from "../support/browser";
import { browserSession } from "../support/e2e-session";
import { fileCleaning } from "../support/e2e-requests";

const { as } = browserSession({ failurePrefix: "failed-mentions" });
const run = Date.now().toString(36);
const desktop = { width: 1366, height: 900 };
const phone = { width: 390, height: 844 };

let reference = "";

const replyBox = (page: Page) => page.getByRole("textbox", { name: "Reply or add a note" });
const offered = (page: Page) => page.getByRole("listbox", { name: "People who may read it" });
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.sequential("@mentions", () => {
  it("typing @ offers the request's readers; Enter puts the chosen handle in the reply", async () => {
    const erin = await as("Erin Evans");
    reference = await fileCleaning(erin, { title: `Spilled coffee by the lifts (${run})`, description: "On the carpet of floor 2.", location: "Floor 2" });

    const frank = await as("Frank Fischer");
    await frank.goto(`/requests/${reference}`);
    const box = replyBox(frank);
    await box.click();
    await box.pressSequentially("Thanks @eri");
    await offered(frank).getByRole("option", { name: /Erin Evans/ }).waitFor();
    // Erin filed it, so she reads replies, not the department's internal notes.
    expect(await offered(frank).getByRole("option", { name: /Erin Evans/ }).textContent()).toContain("reads replies, not internal notes");
    expect(await box.getAttribute("aria-activedescendant")).toBeTruthy();
    await expectNoSeriousA11yViolations(frank, "reply box with @ suggestions (1366 px)");
    await screenshot(frank, "mentions-offered-1366");
    // The request page as an agent sees it with the suggestions open, for the README (docs/request-page.png).
    await frank.setViewportSize(desktop);
    await offered(frank).getByRole("option", { name: /Erin Evans/ }).waitFor();
    await frank.screenshot({ path: "tests/.artifacts/request-page-viewport.png" });
    await frank.setViewportSize(phone);
    await expect.poll(() => overflow(frank), { message: "the request page scrolls sideways at 390 px" }).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(frank, "reply box with @ suggestions (390 px)");
    await screenshot(frank, "mentions-offered-390");
    await frank.setViewportSize(desktop);

    // Someone of another department who may not read the request is not offered.
    await box.pressSequentially(" @ivan");
    await frank.getByTestId("no-mention-match").filter({ hasText: "Nobody who may read it matches “@ivan”." }).waitFor();
    expect(await offered(frank).isVisible()).toBe(false);
    await box.fill("Thanks @eri");
    await offered(frank).getByRole("option", { name: /Erin Evans/ }).waitFor();
    await box.press("Enter");
    await expect.poll(() => box.inputValue()).toBe("Thanks @erin.employee ");
    expect(await offered(frank).isVisible()).toBe(false);
  });

  it("a mention that matches nobody, or someone who may not read a note, is said before sending", async () => {
    const frank = await as("Frank Fischer");
    await frank.goto(`/requests/${reference}`);
    const box = replyBox(frank);
    await box.fill(`On it, @erin.employee. @nobody.${run} will call.`);
    await frank.getByRole("button", { name: "Add internal note" }).click();
    const flag = frank.getByRole("alert").filter({ hasText: "matches nobody" });
    await flag.waitFor();
    expect(await flag.textContent()).toContain(`@nobody.${run} matches nobody.`);
    expect(await flag.textContent()).toContain("Erin Evans (@erin.employee) may not read internal notes and would not be told.");
    expect(await box.getAttribute("aria-describedby")).toContain("reply-body-mentions");
    await expectNoSeriousA11yViolations(frank, "flagged mention (1366 px)");
    await frank.setViewportSize(phone);
    await expectNoSeriousA11yViolations(frank, "flagged mention (390 px)");
    await screenshot(frank, "mentions-flagged-390");
    await frank.setViewportSize(desktop);
    // Nothing was sent.
    await frank.reload();
    expect(await frank.getByText(`@nobody.${run} will call`).count()).toBe(0);

    // As a public reply Erin may read it: only the stray handle is flagged; sending again sends it as it is.
    await replyBox(frank).fill(`On it, @erin.employee. @nobody.${run} will call.`);
    await frank.getByRole("button", { name: "Send public reply" }).click();
    await flag.waitFor();
    expect(await flag.textContent()).not.toContain("Erin Evans");
    await frank.getByRole("button", { name: "Send public reply" }).click();
    await frank.getByText("Reply sent.").waitFor();
    await expect.poll(() => frank.getByText(`will call.`).count()).toBeGreaterThan(0);
  });

  it("Erin is told she was mentioned, and adds a follower with the co-worker picker by keyboard", async () => {
    const erin = await as("Erin Evans");
    await erin.goto("/notifications");
    await erin.getByText(`Frank Fischer mentioned you on ${reference}`).first().waitFor();

    await erin.goto(`/requests/${reference}`);
    const picker = erin.getByRole("combobox", { name: "Add a co-worker" });
    await picker.fill("Ivan");
    await erin.getByRole("option", { name: /Ivan Ito/ }).waitFor();
    expect(await picker.getAttribute("aria-expanded")).toBe("true");
    await expectNoSeriousA11yViolations(erin, "co-worker picker open (1366 px)");
    await picker.press("ArrowDown");
    await picker.press("Enter");
    await expect.poll(() => picker.inputValue()).toBe("Ivan Ito");
    expect(await picker.getAttribute("aria-expanded")).toBe("false");
    await erin.getByRole("button", { name: "Add", exact: true }).click();
    await erin.getByTestId("watchers").getByText("Ivan Ito").waitFor();
  });
});
