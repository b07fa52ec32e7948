// Rating the service, in a real browser against the built app: Frank (agent of Facilities) resolves
// Erin's request; the desk mails Erin a signed survey link (captured by the test SMTP server); she
// opens it signed out, is sent through sign-in and back, sees 1-5 with nothing chosen, is told
// beside the comment that a 1 needs one, then rates; the link then says it is already rated. Fiona
// (head of Facilities) sees this month's CSAT say "not enough responses" without any count, then the figure from 5 raters.
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { escapeRegExp, expectSignedInAs, launchBrowser, newPersonPage, screenshot, signInViaDemo } from "../support/browser";
import { people } from "../support/e2e-people";
import { fetchMails, firstUrl, type CapturedMail } from "../support/smtp-capture";
import { expectErrorBeside } from "../support/expect-error-beside";

const baseUrl = inject("baseUrl");
const mailApi = inject("mailApiUrl");
const run = Date.now().toString(36);
const title = `Radiator in room 2.07 stays cold (${run})`;
const comment = `Three days of a cold office before anyone came (${run}).`;
// The demo's ratings are all from closed months (Facilities has enough of them to show its figures
// for the quarter): this file's ratings are the department's only ones in the current month.
const thisMonth = `/insights/FAC?period=${new Date().toISOString().slice(0, 7)}`;
const lastMonthKey = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
const lastMonth = `/insights/FAC?period=${lastMonthKey}`;

let browser: Browser;
const contexts: BrowserContext[] = [];
/** The page a test is acting on, screenshotted if the test fails. */
let current: Page | undefined;
let erin: Page;
let reference = "";
let ratingLink = "";

async function freshPage(): Promise<Page> {
  const { context, page } = await newPersonPage(browser, baseUrl);
  contexts.push(context);
  current = page;
  return page;
}

async function as(name: string): Promise<Page> {
  const page = await freshPage();
  await signInViaDemo(page, name);
  return page;
}

/** Polls the capture until a mail to `to` whose subject matches arrives (other notices reach Erin too). */
async function waitForMailWithSubject(to: string, subject: RegExp, timeoutMs = 30_000): Promise<CapturedMail> {
  let found: CapturedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await fetchMails(mailApi, to)).find((m) => subject.test(m.subject));
        return Boolean(found);
      },
      { timeout: timeoutMs, interval: 200 },
    )
    .toBe(true);
  return found!;
}

/** Files a Facilities repair as whoever `page` is signed in as; returns its reference. */
async function fileRepair(page: Page, what: string): Promise<string> {
  await page.goto("/catalog/FAC/repair");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(what);
  await page.getByRole("textbox", { name: "What do you need?", exact: true }).fill("The radiator under the window has been cold since Monday.");
  await page.locator("#field-location").fill("Berlin HQ, 2.07");
  await page.locator("#field-category").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Send request" }).click();
  await page.waitForURL(/\/requests\/FAC-\d+\?filed=1$/);
  const ref = /\/requests\/(FAC-\d+)/.exec(page.url())![1]!;
  await page.getByRole("heading", { level: 1, name: what }).waitFor();
  return ref;
}

/** An agent of Facilities resolves `ref` from its page. */
async function resolve(agent: Page, ref: string): Promise<void> {
  await agent.goto(`/requests/${ref}`);
  const work = agent.locator("form", { has: agent.getByRole("button", { name: "Save changes" }) });
  await work.getByLabel("Status", { exact: true }).selectOption({ label: "Resolved" });
  await work.getByRole("button", { name: "Save changes" }).click();
  await agent.getByTestId("timeline").getByText(/changed the status from .+ to Resolved/).waitFor();
}

/** The requester rates `ref` on its page. */
async function rateInApp(page: Page, ref: string, score: number): Promise<void> {
  await page.goto(`/requests/${ref}`);
  const card = page.getByTestId("rating");
  await card.getByRole("radio", { name: new RegExp(`^${score}\\b`) }).check();
  await card.getByRole("button", { name: "Send rating" }).click();
  await card.getByRole("heading", { name: "Your rating" }).waitFor();
}

/** The 1-5 radios of a rating form, in order. */
function scoreRadios(scope: Page | Locator): Locator {
  return scope.getByRole("group", { name: /How well did/ }).getByRole("radio");
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async ({ task }) => {
  if (task.result?.state === "fail" && current) {
    await screenshot(current, `failed-${task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`).catch(() => {});
  }
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

describe.sequential("rating the service", () => {
  it("Erin files a Facilities repair and Frank, agent of Facilities, resolves it", async () => {
    erin = await as(people.erin.name);
    reference = await fileRepair(erin, title);
    // Not resolved yet: nothing to rate.
    expect(await erin.getByTestId("rating").count()).toBe(0);

    const frank = await as(people.frank.name);
    await resolve(frank, reference);
    // Staff are never asked, and never see a rating form on someone else's request.
    expect(await frank.getByTestId("rating").count()).toBe(0);
  });

  it("the request page asks Erin, and only Erin, to rate it, with nothing pre-selected", async () => {
    current = erin;
    await erin.goto(`/requests/${reference}`);
    const card = erin.getByTestId("rating");
    await card.getByText("How well did Facilities serve you?").waitFor();
    const radios = scoreRadios(card);
    await expect.poll(() => radios.count()).toBe(5);
    for (let i = 0; i < 5; i++) expect(await radios.nth(i).isChecked()).toBe(false);
    await card.scrollIntoViewIfNeeded();
    await screenshot(erin, "rating-card-request-page");
  });

  it("mails Erin a signed link to rate it", async () => {
    const mail = await waitForMailWithSubject(people.erin.email, new RegExp(`How did Facilities do on ${escapeRegExp(reference)}\\?`));
    expect(mail.to).toEqual([people.erin.email]);
    ratingLink = firstUrl(mail.text);
    expect(ratingLink.startsWith(`${baseUrl}/rate/`)).toBe(true);
    expect(mail.text).toMatch(/28 days/);
    // Only the requester is asked: Frank, who resolved it, gets no survey for it.
    const frankMails = await fetchMails(mailApi, people.frank.email);
    expect(frankMails.some((m) => m.subject.includes(reference) && /How did/.test(m.subject))).toBe(false);
  });

  it("the link sends a signed-out Erin through sign-in and back, refuses a 1 without a comment, then takes her rating", async () => {
    const page = await freshPage();
    await page.goto(ratingLink);
    await page.waitForURL(/\/signin\?.*callbackUrl=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get("callbackUrl") ?? "")).toBe(new URL(ratingLink).pathname);

    // Single sign-on, which comes back to the link.
    await page.getByRole("button", { name: /^Continue with / }).click();
    const login = page.locator('input[name="login"]');
    await login.waitFor();
    await login.fill(people.erin.email);
    await page.locator('input[name="password"]').fill("any-password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.waitForURL((url) => url.href.startsWith(baseUrl) && url.pathname.startsWith("/rate/"));
    await expectSignedInAs(page, people.erin.name);

    await page.getByRole("heading", { level: 1, name: "Rate the service" }).waitFor();
    await page.getByRole("link", { name: reference }).waitFor();
    await page.getByText("How well did Facilities serve you?").waitFor();
    const radios = scoreRadios(page);
    await expect.poll(() => radios.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      expect(await radios.nth(i).isChecked()).toBe(false);
      expect(await radios.nth(i).getAttribute("value")).toBe(String(i + 1));
    }
    await screenshot(page, "rate-link-page");

    // No score: asked for one (nothing is chosen for her).
    await page.getByRole("button", { name: "Send rating" }).click();
    await page.locator('[id="rating-score-error"]').getByText("Choose a score from 1 to 5").waitFor();
    expect(await page.getByRole("group", { name: /How well did/ }).getAttribute("aria-describedby")).toContain("rating-score-error");

    // A 1 without a comment: told beside the comment, nothing sent.
    const commentBox = page.getByRole("textbox", { name: /Comment/ });
    await scoreRadios(page).nth(0).check();
    await page.getByRole("button", { name: "Send rating" }).click();
    await expectErrorBeside(page, commentBox, "rating-comment-error", /comment is required/i);
    expect(await scoreRadios(page).nth(0).isChecked()).toBe(true);
    await screenshot(page, "rate-link-comment-required");

    // With the comment it goes through.
    await commentBox.fill(comment);
    await page.getByRole("button", { name: "Send rating" }).click();
    await page.getByRole("status").filter({ hasText: "Thank you for your rating." }).waitFor();
    await page.getByText(/Back to your request/).getByRole("link", { name: reference }).waitFor();
    await screenshot(page, "rate-link-sent");

    // The link now says it is already rated, and shows Erin her own rating.
    await page.goto(ratingLink);
    await page.getByText(/You have already rated this resolution of/).waitFor();
    await page.getByText("1 of 5").waitFor();
    await page.getByText(comment).waitFor();
    expect(await page.getByRole("button", { name: "Send rating" }).count()).toBe(0);
    await screenshot(page, "rate-link-already-rated");

    // So does the request page: her rating, no form.
    current = erin;
    await erin.goto(`/requests/${reference}`);
    const card = erin.getByTestId("rating");
    await card.getByRole("heading", { name: "Your rating" }).waitFor();
    await card.getByText("1 of 5").waitFor();
    expect(await card.getByRole("radio").count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await screenshot(erin, "rating-card-rated");
  });

  it("the link works for Erin alone, and a tampered one for nobody", async () => {
    const frank = await as(people.frank.name);
    await frank.goto(ratingLink);
    await frank.getByText(/This rating link was sent to someone else/).waitFor();
    expect(await frank.getByText(title).count()).toBe(0);
    expect(await frank.getByRole("button", { name: "Send rating" }).count()).toBe(0);

    current = erin;
    const url = new URL(ratingLink);
    const [payload, mac] = url.pathname.replace("/rate/", "").split(".");
    // Same MAC, payload with another cycle: the signature no longer matches.
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as { c: number };
    const forged = Buffer.from(JSON.stringify({ ...claims, c: claims.c + 1 })).toString("base64url");
    await erin.goto(`/rate/${forged}.${mac}`);
    await erin.getByText(/This rating link is not valid/).waitFor();
    expect(await erin.getByRole("button", { name: "Send rating" }).count()).toBe(0);
  });

  it("Frank, agent of the department, cannot see who rated or what", async () => {
    const frank = await as(people.frank.name);
    await frank.goto(`/requests/${reference}`);
    await frank.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await frank.getByTestId("rating").count()).toBe(0);
    const html = await (await frank.request.get(`/requests/${reference}`)).text();
    expect(html).not.toContain(comment.slice(0, 30));
  });

  it("Fiona, head of Facilities, sees no satisfaction number for the month under way, only when it will be published", async () => {
    const fiona = await as("Fiona Hall");
    const section = fiona.getByTestId("satisfaction");
    const card = fiona.getByTestId("csat");
    await fiona.goto(thisMonth);
    await card.getByText(/Published on \d+ \w+ \d{4}/).waitFor();
    await section.getByRole("heading", { name: /Satisfaction \(CSAT\)/ }).waitFor();
    const text = (await card.innerText()).replace(/\s+/g, " ");
    // No figure and no count: not a %, not "1 of 1", not "1 rating", not "1 response".
    expect(text).not.toMatch(/%/);
    expect(text).not.toMatch(/\d+ of \d+/);
    expect(text).not.toMatch(/\b\d+\s+(ratings?|responses?|raters?|people rated|persons?)\b/i);
    expect(await section.innerText()).not.toContain(comment.slice(0, 30));
    await section.scrollIntoViewIfNeeded();
    await screenshot(fiona, "csat-card-pending");
  });

  // The demo organisation rates nothing in the current month: this month's Facilities ratings are the
  // browser tests' own, here Erin's 1 and the ones below. However many rate, the month under way
  // shows no figure and no count (each new rating would move it by exactly one); last month, closed
  // and published, shows its figure with its counts.
  it("however many rate this month, it shows no figure until the month is published; last month's published figure has its counts", async () => {
    const frank = await as(people.frank.name);
    const raters: [string, number][] = [
      ["Liam Foster", 5],
      ["Grace Kim", 4],
      ["Charlotte Hughes", 5],
      ["Julia Meyer", 4],
    ];
    const pages: { page: Page; ref: string; score: number }[] = [];
    for (const [name, score] of raters) {
      const page = await as(name);
      pages.push({ page, ref: await fileRepair(page, `Cold radiator for ${name} (${run})`), score });
    }
    for (const { ref } of pages) await resolve(frank, ref);

    const fiona = await as("Fiona Hall");
    const card = fiona.getByTestId("csat");
    for (const { page, ref, score } of pages) {
      await rateInApp(page, ref, score);
      // 2, 3, 4, 5 different raters: still no figure, and nothing that would count them.
      await fiona.goto(thisMonth);
      await card.getByText(/Published on/).waitFor();
      expect(await card.innerText()).not.toMatch(/%|\d+ of \d+/);
    }
    await fiona.goto(lastMonth);
    await card.getByText(/^\d+(\.\d)? %$/).waitFor(); // written like the compliance figures
    await card.getByText(/\d+ of \d+ ratings were 4 or 5/).waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(fiona, "csat-card-shown");
  });
});
