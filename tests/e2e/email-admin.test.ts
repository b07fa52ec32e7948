// /admin/email and a department's email settings in a real browser against the built app on the demo
// organisation (its mailbox is a real dovecot, its mail server an SMTP capture): mail written to the
// demo's facilities@desk.example is fetched and filed, the admin reads how mail flows and every
// department's address, and both pages have no axe violation at all at 1366 and 390 px.
import crypto from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { formatViolations, runAxe } from "../support/axe";
import { screenshot } from "../support/browser";
import { deliverToImap } from "../support/dovecot";
import { people } from "../support/e2e-people";
import { browserSession } from "../support/e2e-session";
import { mime } from "../support/mime";

const { as } = browserSession({ failurePrefix: "email-admin" });
const imapPort = inject("imapPort");
const suffix = crypto.randomBytes(3).toString("hex");
const subject = `Lights flicker in meeting room 2 (${suffix})`;

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

describe.sequential("email administration", () => {
  it("mail to the demo's facilities@desk.example is fetched from the mailbox and filed as an Email request; the admin sees it arrive", async () => {
    const ada = await as("Ada Admin");
    const row = ada.getByTestId("inbound-email").filter({ hasText: people.erin.email }).filter({ hasText: /filed/ });
    // Erin's earlier mails (other tests share the app) are listed too: wait for one more, the newest first.
    await ada.goto("/admin/email");
    const before = await row.count();
    await deliverToImap(imapPort, "desk", await mime({ from: `${people.erin.name} <${people.erin.email}>`, to: "facilities@desk.example", subject, text: "Every few seconds, since this morning." }));
    await expect
      .poll(async () => {
        await ada.goto("/admin/email");
        return row.count();
      }, { timeout: 60_000, interval: 1000 })
      .toBeGreaterThan(before);
    const reference = (await row.first().getByRole("cell").nth(4).innerText()).trim();
    expect(reference).toMatch(/^FAC-\d+$/);

    const erin = await as(people.erin.name);
    await erin.goto(`/requests/${reference}`);
    await erin.getByRole("heading", { name: subject }).waitFor();
    await erin.getByText("Every few seconds, since this morning.").first().waitFor();
  });

  it("/admin/email says how mail flows, lists every department's address, and its tables scroll by keyboard", async () => {
    const ada = await as("Ada Admin");
    await ada.goto("/admin/email");
    const flow = ada.getByTestId("mail-flow");
    await flow.waitFor();
    // This desk has a mail server (the capture) and reads one mailbox: no "no mail server" warning.
    await expect.poll(() => flow.innerText(), { timeout: 20_000 }).toMatch(/Sent through the mail server smtp:\/\/127\.0\.0\.1:\d+/);
    expect(await flow.innerText()).toMatch(/Read over IMAP every 5 s, and at once where the server offers IDLE/);
    expect(await flow.innerText()).toMatch(/No webhook/);
    expect(await ada.getByTestId("no-mail-server").count()).toBe(0);

    const addresses = ada.getByRole("region", { name: "Department addresses (scrolls sideways)" });
    const facilities = addresses.getByRole("row", { name: /facilities@desk\.example/ });
    await facilities.waitFor();
    expect(await facilities.innerText()).toMatch(/Facilities\s+Email\s+On/);
    expect(await addresses.getByTestId("inbound-address").count()).toBeGreaterThanOrEqual(12);
    await facilities.getByRole("link", { name: "Facilities" }).waitFor();

    // Every wide table sits in a labelled region that takes focus, so a keyboard scrolls it on a phone.
    for (const name of ["Department addresses (scrolls sideways)", "Received mail (scrolls sideways)"]) {
      const region = ada.getByRole("region", { name });
      expect(await region.getAttribute("tabindex")).toBe("0");
    }
    await axeAtBothWidths(ada, "admin-email");

    await ada.setViewportSize({ width: 390, height: 844 });
    const received = ada.getByRole("region", { name: "Received mail (scrolls sideways)" });
    await received.focus();
    const before = await received.evaluate((el) => el.scrollLeft);
    await ada.keyboard.press("ArrowRight");
    await ada.keyboard.press("ArrowRight");
    await expect.poll(() => received.evaluate((el) => el.scrollLeft), { timeout: 20_000 }).toBeGreaterThan(before);
  });

  it("the head's email settings list the department's address and take a new one, with no axe violation", async () => {
    const fiona = await as("Fiona Hall");
    await fiona.goto("/settings/FAC/email");
    await fiona.getByRole("heading", { level: 1, name: "Facilities email addresses" }).waitFor();
    await fiona.getByTestId("inbound-addresses").locator("p.font-mono", { hasText: /^facilities@desk\.example$/ }).waitFor();
    expect(await fiona.getByTestId("inbound-addresses").innerText()).toMatch(/files “Email”/);
    const address = `facilities-${suffix}@desk.example`;
    await fiona.locator("#inbound-address").fill(address);
    await fiona.getByLabel("Files requests as").selectOption({ label: "Email" });
    await fiona.getByRole("button", { name: "Add address" }).click();
    await fiona.getByTestId("inbound-addresses").locator("p.font-mono", { hasText: address }).waitFor();
    await axeAtBothWidths(fiona, "email-settings");
  });
});
