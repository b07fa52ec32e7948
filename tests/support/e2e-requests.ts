import type { Page } from "playwright-core";

/** Files a Facilities cleaning request of the demo organisation through the portal; returns its reference. */
export async function fileCleaning(page: Page, options: { title: string; description: string; location: string }): Promise<string> {
  await page.goto("/catalog/FAC/cleaning");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(options.title);
  await page.getByRole("textbox", { name: "What do you need?", exact: true }).fill(options.description);
  await page.locator('[id="field-location"]').fill(options.location);
  const kind = page.locator('[id="field-kind"]');
  await kind.selectOption((await kind.locator("option").nth(1).getAttribute("value")));
  await page.getByRole("button", { name: "Send request" }).click();
  await page.waitForURL(/\/requests\/FAC-\d+/);
  return /\/requests\/(FAC-\d+)/.exec(page.url())![1]!;
}
