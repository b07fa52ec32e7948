// Email both ways against the built app, a real IMAP server (dovecot, the desk's mailbox) and the
// SMTP capture: the head of Facilities adds a dedicated Email type and an address for it; Erin
// files by writing to that address; Frank replies in the app; the notification reaches Erin's
// mailbox threaded, with her reply address; she answers from her mail client (quoting the mail),
// and her reply lands on the request as hers, quote stripped.
import crypto from "node:crypto";
import { simpleParser } from "mailparser";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { escapeRegExp, screenshot } from "../support/browser";
import { deliverToImap } from "../support/dovecot";
import { browserSession } from "../support/e2e-session";
import { people } from "../support/e2e-people";
import { mime } from "../support/mime";
import { fetchMails, type CapturedMail } from "../support/smtp-capture";

const { as, actingOn } = browserSession({ failurePrefix: "email" });
const imapPort = inject("imapPort");
const mailApi = inject("mailApiUrl");
const suffix = crypto.randomBytes(3).toString("hex");
const typeName = `Email ${suffix}`;
const address = `facilities-${suffix}@example.com`;
const title = `Coffee machine leaks on floor 3 (${suffix})`;
const agentReply = `We will send someone at 14:00 (${suffix}).`;
const erinReply = `Thanks! It is the kitchen next to room 3.12 (${suffix}).`;

let fiona: Page;
let frank: Page;
let erin: Page;
let reference = "";

async function waitForMailWithSubject(to: string, subject: RegExp, timeoutMs = 60_000): Promise<CapturedMail> {
  let found: CapturedMail | undefined;
  await expect
    .poll(async () => {
      found = (await fetchMails(mailApi, to)).find((m) => subject.test(m.subject));
      return Boolean(found);
    }, { timeout: timeoutMs, interval: 300 })
    .toBe(true);
  return found!;
}

describe.sequential("email both ways", () => {
  it("the head of Facilities adds a dedicated type and an inbound address mapped to it", async () => {
    fiona = await as("Fiona Hall");
    await fiona.goto("/settings/FAC/catalog");
    await fiona.getByText("New request type").click();
    await fiona.getByLabel("Name", { exact: true }).fill(typeName);
    await fiona.getByRole("button", { name: "Add request type" }).click();
    await fiona.getByText(`"${typeName}" added to the catalogue.`).waitFor();

    await fiona.getByRole("navigation", { name: "Department settings" }).getByRole("link", { name: "Email" }).click();
    await fiona.getByRole("heading", { level: 1, name: "Facilities email addresses" }).waitFor();
    // Bad input first: refused beside the field, nothing saved.
    await fiona.locator("#inbound-address").fill("not an address");
    await fiona.getByLabel("Files requests as").selectOption({ label: typeName });
    await fiona.getByRole("button", { name: "Add address" }).click();
    await expect.poll(() => fiona.locator('[id="inbound-address-error"]').textContent()).toMatch(/Enter an email address/);
    await fiona.locator("#inbound-address").fill(address);
    await fiona.getByRole("button", { name: "Add address" }).click();
    await fiona.getByTestId("inbound-addresses").locator("p.font-mono", { hasText: address }).waitFor();
    await expectNoSeriousA11yViolations(fiona, "inbound addresses");
    await screenshot(fiona, "email-settings");
    await fiona.setViewportSize({ width: 390, height: 844 });
    await screenshot(fiona, "email-settings-phone");
  });

  it("Erin files by writing to the address: it arrives as her request", async () => {
    await deliverToImap(
      imapPort,
      "desk",
      await mime({ from: `${people.erin.name} <${people.erin.email}>`, to: address, subject: title, text: "Water all over the floor.\n\nErin", html: "<p>Water <b>all over</b> the floor.</p><p>Erin</p>" }),
    );
    erin = await as(people.erin.name);
    await expect
      .poll(async () => {
        await erin.goto("/requests");
        return erin.getByRole("link", { name: new RegExp(escapeRegExp(title)) }).count();
      }, { timeout: 60_000, interval: 1000 })
      .toBe(1);
    await erin.getByRole("link", { name: new RegExp(escapeRegExp(title)) }).click();
    await erin.waitForURL(/\/requests\/FAC-\d+$/);
    reference = erin.url().split("/").pop()!;
    await erin.getByText("Water all over the floor.").first().waitFor();
  });

  it("Frank replies in the app; Erin gets it by mail, threaded, with her reply address", async () => {
    frank = await as(people.frank.name);
    await frank.goto(`/requests/${reference}`);
    await frank.getByLabel("Reply or add a note").fill(agentReply);
    await frank.getByRole("button", { name: "Send public reply" }).click();
    await frank.getByTestId("timeline").getByText(agentReply).waitFor();

    const captured = await waitForMailWithSubject(people.erin.email, new RegExp(`New reply on ${escapeRegExp(reference)}`));
    const notice = await simpleParser(captured.raw);
    expect(notice.text).toContain(agentReply);
    expect(notice.html).toContain(agentReply.replace(/'/g, "&#39;"));
    expect(notice.inReplyTo).toMatch(/^<r\.[a-z0-9]+@example\.com>$/);
    expect(notice.messageId).toMatch(/^<d\.[a-z0-9]+@example\.com>$/);
    expect(captured.raw).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
    const replyTo = notice.replyTo!.value[0]!.address!;
    expect(replyTo).toMatch(/^desk\+[a-z0-9]+\.[0-9a-f]{20}@example\.com$/);

    // Erin answers from her mail client: to the reply address, in the thread, quoting the notice.
    const quoted = (notice.text ?? "").split("\n").map((l) => `> ${l}`).join("\n");
    await deliverToImap(
      imapPort,
      "desk",
      await mime({
        from: `${people.erin.name} <${people.erin.email}>`,
        to: replyTo,
        subject: `Re: ${notice.subject}`,
        inReplyTo: notice.messageId,
        references: [notice.inReplyTo!, notice.messageId!],
        text: `${erinReply}\n\nOn Wed, 2 Dec 2026 at 10:00, Service Desk <desk@example.com> wrote:\n${quoted}\n`,
      }),
    );
  });

  it("Erin's mailed reply lands on the request as hers, without the quote", async () => {
    actingOn(frank);
    const timeline = frank.getByTestId("timeline");
    await expect
      .poll(async () => {
        await frank.reload();
        return timeline.getByText(erinReply).count();
      }, { timeout: 60_000, interval: 1000 })
      .toBe(1);
    const article = timeline.locator("article", { hasText: erinReply });
    await article.getByText(people.erin.name).first().waitFor();
    expect(await article.textContent()).not.toContain("wrote:");
    await screenshot(frank, "email-reply-landed");
    await frank.setViewportSize({ width: 390, height: 844 });
    await screenshot(frank, "email-reply-landed-phone");
  });
});
