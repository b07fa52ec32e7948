// Signing in with a link by email: the desk mails a one-time link (captured by the test SMTP
// server), the link signs the person in; a deactivated person gets a message and no mail.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectSignedInAs, launchBrowser, newPersonPage } from "../support/browser";
import { people } from "../support/e2e-people";
import { fetchMails, firstUrl, waitForMailVia } from "../support/smtp-capture";

const baseUrl = inject("baseUrl");
const mailApi = inject("mailApiUrl");

let browser: Browser;
const contexts: BrowserContext[] = [];

async function pageFor(): Promise<Page> {
  const { context, page } = await newPersonPage(browser, baseUrl);
  contexts.push(context);
  return page;
}

async function askForLink(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
}

/** The demo organisation's one deactivated person (Oliver Grant in prisma/seed/demo.ts). */
const deactivatedEmail = "oliver.grant@example.com";

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

describe.sequential("sign-in by email link", () => {
  it("mails Erin a link that signs her in", async () => {
    const page = await pageFor();
    const before = (await fetchMails(mailApi, people.erin.email)).length;
    await askForLink(page, people.erin.email);
    await page.waitForURL(/\/signin\/check-email/);

    const mail = await waitForMailVia(mailApi, people.erin.email, { after: before, subject: /sign-in link/i });
    expect(mail.subject).toMatch(/sign-in link/i);
    const link = firstUrl(mail.text);
    expect(link.startsWith(`${baseUrl}/api/auth/callback/email?`)).toBe(true);

    await page.goto(link);
    await expectSignedInAs(page, people.erin.name);

    // The link works once.
    const other = await pageFor();
    await other.goto(link);
    await other.waitForURL(/\/signin\?.*error=Verification/);
    await other.getByRole("alert").filter({ hasText: "expired or was already used" }).waitFor();
  });

  it("refuses a deactivated person with a message and sends no mail", async () => {
    const page = await pageFor();
    const before = await fetchMails(mailApi, deactivatedEmail);
    await askForLink(page, deactivatedEmail);
    await page.waitForURL(/\/signin\?.*error=deactivated/);
    await page.getByRole("alert").filter({ hasText: "deactivated" }).waitFor();
    // The refusal is decided before anything is sent; give a stray mail the time a real one takes.
    const probe = await pageFor();
    const probeBefore = (await fetchMails(mailApi, people.frank.email)).length;
    await askForLink(probe, people.frank.email);
    await waitForMailVia(mailApi, people.frank.email, { after: probeBefore });
    expect(await fetchMails(mailApi, deactivatedEmail)).toHaveLength(before.length);
  });

  it("refuses an unknown address the same way, without mail", async () => {
    const page = await pageFor();
    const email = "nobody.here@example.com";
    await askForLink(page, email);
    await page.waitForURL(/\/signin\?.*error=unknown/);
    await page.getByRole("alert").filter({ hasText: "not in the directory" }).waitFor();
    expect(await fetchMails(mailApi, email)).toHaveLength(0);
  });
});
