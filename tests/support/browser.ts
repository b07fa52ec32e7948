// Debian's Chromium driven by playwright-core (Playwright's own browser download is not possible
// here). One browser per test file, one context (cookie jar) per person.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { artifactsDir } from "./app-server";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y chromium`);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

export async function newPersonPage(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

/** Waits until the header names the signed-in person (on a phone the name is in the folded menu, hidden until opened). */
export async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await page.getByTestId("signed-in-as").filter({ hasText: name }).waitFor({ state: "attached" });
}

/** Signs in through the demo organisation's "sign in as" picker on /signin. */
export async function signInViaDemo(page: Page, name: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("button", { name: new RegExp(`^${escapeRegExp(name)}\\b`) }).click();
  await expectSignedInAs(page, name);
}

/**
 * Signs in through "Continue with <SSO>": the desk sends the browser to the OpenID Provider, whose
 * development login form takes the email as login (any password); consent is pre-granted. Resolves
 * once the browser is back on the desk (signed in or refused: the caller checks which).
 */
export async function signInViaOidc(page: Page, email: string, baseUrl: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("button", { name: /^Continue with / }).click();
  const login = page.locator('input[name="login"]');
  await login.waitFor();
  await login.fill(email);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL((url) => url.href.startsWith(baseUrl) && !url.pathname.startsWith("/api/auth/"));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
