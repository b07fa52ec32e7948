import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { launchBrowser, newPersonPage, screenshot, signInViaDemo } from "./browser";

/**
 * A test file's browser and people: registers the file's hooks (one Chromium for the file; a
 * screenshot of the page last acted on when a test fails; every context and the browser closed at
 * the end, after `beforeClose`) and returns `as(name)`, a new page signed in as that demo person.
 */
export function browserSession(options: { failurePrefix?: string; beforeClose?: () => Promise<unknown> } = {}) {
  const baseUrl = inject("baseUrl");
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let current: Page | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail" || !current) return;
    await screenshot(current, `${options.failurePrefix ?? "failed"}-${task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`).catch(() => {});
  });
  afterAll(async () => {
    await options.beforeClose?.().catch(() => {});
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
  });

  return {
    /** A new browser context signed in as the demo person with this name. */
    as: async (name: string): Promise<Page> => {
      const { context, page } = await newPersonPage(browser!, baseUrl);
      contexts.push(context);
      current = page;
      await signInViaDemo(page, name);
      return page;
    },
    /** The page the test acts on now: the one screenshotted if it fails. */
    actingOn: (page: Page) => {
      current = page;
    },
  };
}
