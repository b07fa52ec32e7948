// First-load JavaScript per page of the production build, gzipped, as a browser fetches it: the
// root chunks every page loads (build-manifest rootMainFiles) plus the chunks of the page's own
// entries and its layouts (the page's client-reference manifest, entryJSFiles). Polyfills are left
// out: modern browsers skip them (nomodule).
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

export type RouteJs = { route: string; files: number; gzipBytes: number; budget: number; goal: number };

/** Issue 12's goals: requester-facing pages (portal, sign-in, the home page) ≤ 130 kB; agent, dashboard and admin pages ≤ 180 kB. */
export function goalOf(route: string): number {
  return /^\/\((desk|insights|admin)\)\//.test(route) ? 180 * 1024 : 130 * 1024;
}

/**
 * Pages over their goal, held to what they ship now (kB gzipped, 1 kB above the last measurement):
 * js-budgets.test.ts fails when one grows. Every page pays Next.js' runtime and React (128 kB: the
 * build manifest's rootMainFiles) and the root layout's chunk (Next's layout router and next/link,
 * the time-zone reporter: 7 kB) and the error boundaries (1 kB), so no requester page can meet
 * 130 kB: a page with no client component of its own ships 136 kB, most are 136–141 kB. Over that:
 * react-hook-form for the request form (~15 kB). Not in any first load: zod (~32 kB; the forms that
 * check with it import their schemas when first focused or sent), cmdk (~17 kB; the co-worker
 * picker and the @-suggestions fetch it when their field is first focused, lazy-combobox.ts) and
 * next-auth's client (~10 kB; fetched when a sign-in button is pressed).
 * Pages not listed are held to their goal.
 */
export const ceilings: Record<string, number> = {
  "/": 137,
  "/(auth)/signin": 139,
  "/(auth)/signin/check-email": 137,
  "/(portal)/account/notifications": 140,
  "/(portal)/account/time-zone": 139,
  "/(portal)/account/tokens": 141,
  "/(portal)/approvals": 141,
  "/(portal)/approve/[token]": 141,
  "/(portal)/catalog": 141,
  "/(portal)/catalog/[department]/[type]": 159,
  "/(portal)/knowledge/[department]": 139,
  "/(portal)/knowledge/[department]/[slug]": 141,
  "/(portal)/my-complaints": 139,
  "/(portal)/notifications": 138,
  "/(portal)/pulse": 140,
  "/(portal)/rate/[token]": 140,
  "/(portal)/requests": 137,
  "/(portal)/requests/[reference]": 152,
  "/(portal)/search": 137,
};

export function budgetOf(route: string): number {
  const ceiling = ceilings[route];
  return ceiling === undefined ? goalOf(route) : ceiling * 1024;
}

export function firstLoadJs(root: string): RouteJs[] {
  const next = path.join(root, ".next");
  const build = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const sizes = new Map<string, number>();
  const gzipped = (file: string) => {
    let size = sizes.get(file);
    if (size === undefined) sizes.set(file, (size = zlib.gzipSync(fs.readFileSync(path.join(next, file)), { level: 9 }).length));
    return size;
  };
  const routes: RouteJs[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "page_client-reference-manifest.js") {
        // The manifest is a script that assigns to globalThis.__RSC_MANIFEST: run it in a context of its own.
        const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
        vm.runInNewContext(fs.readFileSync(full, "utf8"), sandbox);
        for (const [route, manifest] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) {
          if (route.startsWith("/_")) continue;
          const files = new Set([...build.rootMainFiles, ...Object.values(manifest.entryJSFiles ?? {}).flat()].filter((f) => f.endsWith(".js")));
          const name = route.replace(/\/page$/, "") || "/";
          routes.push({ route: name, files: files.size, gzipBytes: [...files].reduce((sum, f) => sum + gzipped(f), 0), budget: budgetOf(name), goal: goalOf(name) });
        }
      }
    }
  };
  walk(path.join(next, "server/app"));
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  for (const r of firstLoadJs(process.cwd())) {
    console.log(`${r.route.padEnd(60)} ${(r.gzipBytes / 1024).toFixed(0).padStart(5)} kB  budget ${(r.budget / 1024).toFixed(0)} kB (goal ${r.goal / 1024})${r.gzipBytes > r.budget ? " OVER" : ""}`);
  }
}
