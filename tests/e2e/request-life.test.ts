// The whole life of a request, in a real browser against the built app: an employee signs in through
// the organisation's OpenID Provider, files a Facilities request (bad input first), an agent works
// it in the queue (public reply, internal note, resolve), the requester sees what she should and
// nothing more, an agent of another department cannot open it, and a stranger cannot sign in.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { escapeRegExp, expectSignedInAs, launchBrowser, newPersonPage, screenshot, signInViaDemo, signInViaOidc } from "../support/browser";
import { people } from "../support/e2e-people";
import { expectErrorBeside } from "../support/expect-error-beside";

const baseUrl = inject("baseUrl");
const run = Date.now().toString(36);
const title = `Flickering light in room 4.12 (${run})`;
const publicReply = `An electrician comes by at 10:00 tomorrow (${run}).`;
const internalNote = `Internal: the ballast in 4.12 was replaced last month too, check warranty (${run}).`;

let browser: Browser;
const contexts: BrowserContext[] = [];
/** The page a test is acting on, screenshotted if the test fails. */
let current: Page | undefined;
let erin: Page;
let reference = "";

async function pageFor(): Promise<Page> {
  const { context, page } = await newPersonPage(browser, baseUrl);
  contexts.push(context);
  current = page;
  return page;
}

/** References of everything on "My requests" (all, including closed). */
/** Every request on "My requests" (all, including closed), page after page ("Older requests"). */
async function myReferences(page: Page): Promise<string[]> {
  const references: string[] = [];
  let next: string | null = "/requests?show=all";
  while (next) {
    await page.goto(next);
    await page.getByRole("heading", { name: "My requests" }).waitFor();
    const hrefs = await page.locator('main a[href^="/requests/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    references.push(...hrefs.map((h) => h.replace("/requests/", "")));
    // The page is server-rendered: the link is there now or not at all (no waiting, no swallowed error).
    const older = page.getByRole("link", { name: "Older requests" });
    next = (await older.count()) > 0 ? await older.getAttribute("href") : null;
  }
  // Back on the first page, where a request just filed or changed is.
  await page.goto("/requests?show=all");
  await page.getByRole("heading", { name: "My requests" }).waitFor();
  return references.sort();
}

type FormField = { key: string; label: string; kind: string; required: boolean };

/** The request type's own fields, as the form renders them (id `field-<key>`, a `*` when required). */
async function typeFields(page: Page): Promise<FormField[]> {
  return page.locator("main form").evaluate((form) => {
    const seen = new Map<string, { key: string; label: string; kind: string; required: boolean }>();
    for (const el of Array.from(form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("[name^='fieldValues.']"))) {
      const key = el.name.slice("fieldValues.".length);
      if (seen.has(key)) continue;
      const group = el.closest("fieldset");
      const labelEl = group ? group.querySelector("legend") : form.querySelector(`label[for="${el.id}"]`);
      const kind = group ? "multiselect" : el.tagName === "SELECT" ? "select" : el.tagName === "TEXTAREA" ? "textarea" : (el as HTMLInputElement).type;
      const required = Boolean(labelEl?.querySelector("span.text-red-700"));
      const label = (labelEl?.textContent ?? "").replace("*", "").replace("(optional)", "").trim();
      seen.set(key, { key, label, kind, required });
    }
    return [...seen.values()];
  });
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

describe.sequential("a request's life", () => {
  it("Erin signs in with SSO, is told what is missing, then files a Facilities request", async () => {
    erin = await pageFor();
    await signInViaOidc(erin, people.erin.email, baseUrl);
    await expectSignedInAs(erin, people.erin.name);
    const before = await myReferences(erin);

    // Pick a Facilities request type, preferring one with required fields of its own.
    await erin.goto("/catalog");
    const typeLinks = erin.locator('main a[href^="/catalog/FAC/"]');
    await typeLinks.first().waitFor();
    const hrefs = await typeLinks.evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    let chosen = hrefs[0]!;
    let fields: FormField[] = [];
    for (const href of hrefs) {
      await erin.goto(href);
      await erin.getByRole("textbox", { name: "Title", exact: true }).waitFor();
      const f = await typeFields(erin);
      if (!fields.length || (f.some((x) => x.required) && !fields.some((x) => x.required))) {
        chosen = href;
        fields = f;
      }
      if (fields.some((x) => x.required)) break;
    }
    await erin.goto("/catalog");
    await erin.locator(`main a[href="${chosen}"]`).click();
    await erin.waitForURL(`**${chosen}`);

    // Empty: every required thing says so beside its field, and nothing is filed.
    await erin.getByRole("button", { name: "Send request" }).click();
    await expectErrorBeside(erin, erin.getByRole("textbox", { name: "Title", exact: true }), "title-error", /title/i);
    await expectErrorBeside(erin, erin.getByRole("textbox", { name: "What do you need?", exact: true }), "description-error", /describe/i);
    for (const f of fields.filter((x) => x.required)) {
      const control = f.kind === "multiselect" ? erin.locator(`fieldset:has([name="fieldValues.${f.key}"])`) : erin.locator(`[id="field-${f.key}"]`);
      await expectErrorBeside(erin, control, `fieldValues.${f.key}-error`, new RegExp(escapeRegExp(f.label)));
    }
    expect(new URL(erin.url()).pathname).toBe(chosen);
    await screenshot(erin, "request-form-errors");
    expect(await myReferences(erin)).toEqual(before);

    // Filled in properly: filed, and on its own page.
    await erin.goto(chosen);
    await erin.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await erin.getByRole("textbox", { name: "What do you need?", exact: true }).fill("The ceiling light flickers all day; it gives half the team headaches.");
    for (const f of fields) {
      const control = erin.locator(`[id="field-${f.key}"]`);
      switch (f.kind) {
        case "select": {
          const value = await control.locator("option").nth(1).getAttribute("value");
          await control.selectOption(value);
          break;
        }
        case "multiselect":
          await erin.locator(`[name="fieldValues.${f.key}"]`).first().check();
          break;
        case "checkbox":
          if (f.required) await control.check();
          break;
        case "number":
          await control.fill("1");
          break;
        case "date":
          await control.fill("2031-03-14");
          break;
        default:
          await control.fill(`E2E ${f.label}`);
      }
    }
    await erin.getByRole("button", { name: "Send request" }).click();
    await erin.waitForURL(/\/requests\/FAC-\d+\?filed=1$/);
    reference = /\/requests\/(FAC-\d+)/.exec(erin.url())![1]!;
    await erin.getByRole("status").filter({ hasText: `Request ${reference} is with` }).waitFor();
    await erin.getByRole("heading", { level: 1, name: title }).waitFor();
    // What to expect, in words, in Erin's time zone, with Facilities' own clock where it differs.
    const promise = /^(We aim to reply by|Resolution expected by) \w{3} \d{1,2} \w{3}, \d{2}:\d{2} \S+( \(\d{2}:\d{2} \S+ in [\w ]+\))?$/;
    expect(await erin.getByTestId("sla-expectation").textContent()).toMatch(promise);
    expect(await myReferences(erin)).toEqual([...before, reference].sort());
    const row = erin.locator("main li", { has: erin.locator(`a[href="/requests/${reference}"]`) });
    expect(await row.getByTestId("sla-expectation").textContent()).toMatch(promise);
  });

  it("Frank, agent of Facilities, finds it in the queue, replies, notes and resolves it", async () => {
    expect(reference).not.toBe("");
    const frank = await pageFor();
    await signInViaDemo(frank, people.frank.name);

    await frank.goto("/queue/FAC");
    await frank.getByRole("heading", { name: /queue/ }).waitFor();
    await frank.getByRole("link", { name: new RegExp(`${reference}\\s*${escapeRegExp(title)}`) }).waitFor();
    await screenshot(frank, "queue-fac");

    // The filter form finds it by number, applying as it is typed.
    await frank.getByLabel("Title or number").fill(reference);
    await frank.waitForURL(/[?&]q=FAC-/);
    const rows = frank.locator("main tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    await rows.getByRole("link", { name: new RegExp(reference) }).click();
    await frank.waitForURL(`**/requests/${reference}`);

    const timeline = frank.getByTestId("timeline");
    const box = frank.getByLabel("Reply or add a note");
    await box.fill(publicReply);
    await frank.getByRole("button", { name: "Send public reply" }).click();
    await timeline.getByText(publicReply).waitFor();
    await expect.poll(() => box.inputValue()).toBe("");

    await box.fill(internalNote);
    await frank.getByRole("button", { name: "Add internal note" }).click();
    const note = timeline.locator("article", { hasText: internalNote });
    await note.waitFor();
    await note.getByText("Internal note").waitFor();

    const work = frank.locator("form", { has: frank.getByRole("button", { name: "Save changes" }) });
    await work.getByLabel("Status", { exact: true }).selectOption({ label: "Resolved" });
    await work.getByRole("button", { name: "Save changes" }).click();
    await timeline.getByText(/changed the status from .+ to Resolved/).waitFor();
    await expect.poll(() => work.getByLabel("Status", { exact: true }).inputValue()).toBe("RESOLVED");
    await screenshot(frank, "request-agent-view");
  });

  it("Erin sees the reply and the resolution, never the internal note", async () => {
    current = erin;
    await erin.goto(`/requests/${reference}`);
    const timeline = erin.getByTestId("timeline");
    await timeline.getByText(publicReply).waitFor();
    await erin.locator("main").getByText("Resolved", { exact: true }).first().waitFor();
    expect(await erin.getByTestId("sla-expectation").textContent()).toMatch(/^Resolved on \w{3} \d{1,2} \w{3}, \d{2}:\d{2} \S+$/);
    expect(await erin.getByText(internalNote).count()).toBe(0);
    expect(await erin.getByText("Internal note", { exact: true }).count()).toBe(0);
    // Not even in the page's serialized data (the RSC payload is inlined in the HTML).
    const html = await (await erin.request.get(`/requests/${reference}`)).text();
    expect(html).toContain(publicReply.slice(0, 30));
    expect(html).not.toContain(internalNote.slice(0, 30));
    // A requester gets no agent controls.
    expect(await erin.getByRole("button", { name: "Add internal note" }).count()).toBe(0);
    expect(await erin.getByRole("button", { name: "Save changes" }).count()).toBe(0);
    await screenshot(erin, "request-requester-view");
  });

  it("Ivan, agent of IT, cannot open a Facilities request or queue", async () => {
    const ivan = await pageFor();
    await signInViaDemo(ivan, people.ivan.name);
    const res = await ivan.goto(`/requests/${reference}`);
    await ivan.getByRole("heading", { name: "Not found" }).waitFor();
    expect(res?.status()).toBe(404);
    expect(await ivan.getByText(title).count()).toBe(0);
    await ivan.goto("/queue/FAC");
    await ivan.getByRole("heading", { name: "Not found" }).waitFor();
  });

  it("someone the IdP knows but the directory does not is refused", async () => {
    const stranger = await pageFor();
    await signInViaOidc(stranger, people.stranger.email, baseUrl);
    await stranger.waitForURL(/\/signin\?.*error=unknown/);
    await stranger.getByRole("alert").filter({ hasText: "not in the directory" }).waitFor();
    await screenshot(stranger, "signin-refused");
    expect(await stranger.getByTestId("signed-in-as").count()).toBe(0);
    await stranger.goto("/requests");
    await stranger.waitForURL(/\/signin/);
  });
});
