import path from "node:path";
import { describe, expect, it } from "vitest";
import { ceilings, firstLoadJs } from "../support/first-load-js";

// Reads the production build this tier runs on (npm run test:e2e builds first): sizes of files, so
// the same build always gives the same answer.
const routes = firstLoadJs(path.resolve(import.meta.dirname, "../.."));
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

describe("first-load JavaScript, gzipped, per page of the production build", () => {
  it("finds every page", () => {
    console.log(routes.map((r) => `${r.route.padEnd(60)} ${kB(r.gzipBytes).padStart(9)}  (budget ${kB(r.budget)}, goal ${kB(r.goal)})`).join("\n"));
    expect(routes.map((r) => r.route)).toEqual(expect.arrayContaining(["/(portal)/requests", "/(desk)/queue/[department]", "/(insights)/insights/[department]"]));
  });

  // Every page within its budget: the goal, or for a page over it the ceiling it reached
  // (first-load-js.ts says why each is over). The head dashboard loads its charts when drawn.
  it.each(routes.map((r) => [r.route, r] as const))("%s stays within its budget", (_, r) => {
    expect(r.gzipBytes, `${r.route}: ${kB(r.gzipBytes)} over its budget of ${kB(r.budget)}`).toBeLessThanOrEqual(r.budget);
  });

  it("keeps a ceiling only for pages that exist and are over their goal", () => {
    const byRoute = new Map(routes.map((r) => [r.route, r]));
    for (const route of Object.keys(ceilings)) {
      const r = byRoute.get(route);
      expect(r, `a ceiling for ${route}, which the build does not have`).toBeDefined();
      expect(r!.gzipBytes, `${route} is within its goal now: drop its ceiling`).toBeGreaterThan(r!.goal);
    }
  });
});
