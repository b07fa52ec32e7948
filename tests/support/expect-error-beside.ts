import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

/** The error shown beside a control: referenced by its aria-describedby and right below it. */
export async function expectErrorBeside(page: Page, control: Locator, errorId: string, text: RegExp) {
  const error = page.locator(`[id="${errorId}"]`);
  await expect.poll(() => error.textContent()).toMatch(text);
  expect(await error.isVisible()).toBe(true);
  await expect.poll(() => control.getAttribute("aria-invalid")).toBe("true");
  expect((await control.getAttribute("aria-describedby")) ?? "").toContain(errorId);
  const c = (await control.boundingBox())!;
  const e = (await error.boundingBox())!;
  expect(e.y).toBeGreaterThanOrEqual(c.y + c.height - 1);
  expect(e.y - (c.y + c.height)).toBeLessThan(80); // directly under its field, not at the top of the page
}
