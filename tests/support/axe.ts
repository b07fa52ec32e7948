// Accessibility checks with axe-core inside the test's own Chromium page: axe's source is injected
// into the page and run there (no @axe-core/playwright wrapper, which expects Playwright's test
// runner). Serious and critical violations fail the test; moderate and minor ones are printed.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, ImpactValue, Result, RunOptions } from "axe-core";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

function source(): string {
  axeSource ??= fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

const failing: ImpactValue[] = ["serious", "critical"];

/** Runs axe on the page as it is now (WCAG 2.x A/AA and axe's best practices). */
export async function runAxe(page: Page): Promise<AxeResults> {
  // After a client-side navigation (a filter applied as it changes) Next.js puts the new page's
  // <title> in a moment later: check the settled page. A page that never gets one still fails.
  await page.waitForFunction(() => document.title.trim() !== "", null, { timeout: 10_000 }).catch(() => undefined);
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!present) await page.addScriptTag({ content: source() });
  const options: RunOptions = {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    resultTypes: ["violations"],
  };
  return page.evaluate(
    (opts) => (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<AxeResults> } }).axe.run(document, opts),
    options,
  );
}

/** One line per violation and one indented line per offending element. */
export function formatViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.map((t) => (Array.isArray(t) ? t.join(" >> ") : String(t))).join(" | ")}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, "\n      ")}` : ""}`);
      return `  [${v.impact ?? "?"}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join("\n")}`;
    })
    .join("\n");
}

/**
 * Fails, listing rule, impact, target selectors and help URL, when axe finds any serious or critical
 * violation on the page; prints moderate and minor ones as a warning. `name` says which page it was.
 */
export async function expectNoSeriousA11yViolations(page: Page, name: string): Promise<AxeResults> {
  const results = await runAxe(page);
  const serious = results.violations.filter((v) => v.impact && failing.includes(v.impact));
  const lesser = results.violations.filter((v) => !v.impact || !failing.includes(v.impact));
  if (lesser.length > 0) console.warn(`axe (${name}, ${page.url()}): ${lesser.length} moderate/minor issue(s):\n${formatViolations(lesser)}`);
  if (serious.length > 0) {
    throw new Error(`axe (${name}, ${page.url()}): ${serious.length} serious/critical violation(s):\n${formatViolations(serious)}`);
  }
  return results;
}
