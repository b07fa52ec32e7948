// Driving the catalogue's field editor (app/(desk)/settings/[department]/catalog/[id]/field-editor.tsx) in a browser test.
import type { Page } from "playwright-core";

/** Adds options to a choice field by keyboard: "Add an option" moves the focus to the new option's input. */
export async function addOptions(page: Page, field: string, options: string[]) {
  const group = page.getByRole("group", { name: new RegExp(`^\\d+\\. ${field} \\(`) });
  for (const option of options) {
    const count = await group.getByRole("textbox", { name: /^Option \d+ of/ }).count();
    await group.getByRole("button", { name: "Add an option" }).focus();
    await page.keyboard.press("Enter");
    // The editor focuses the new option's input once it is drawn: type only once it has.
    await page.waitForFunction((n) => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.startsWith(`Option ${n} of`) ?? false, count + 1);
    await page.keyboard.type(option);
  }
}
