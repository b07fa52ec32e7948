"use client";

/**
 * (Plain markup, not ui.tsx's Card: this boundary is in every page's first load, and importing ui.tsx
 * here put the whole module, formatter included, into it: 35 kB gzipped.)
 *
 * A page that failed on the server. The usual cause in production is the database restarting or
 * being saturated (the server answers those 503 with Retry-After, lib/server/graceful-server.ts):
 * say so briefly and offer to try again.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="mx-auto max-w-md rounded-lg bg-white p-5 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-xl font-semibold">We&apos;ll be right back</h1>
      <p className="mt-2 text-sm text-slate-600">The desk could not load this page just now. Nothing you saved is lost: try again in a few seconds.</p>
      <button type="button" onClick={reset} className="mt-4 text-sm text-brand-700 underline">
        Try again
      </button>
    </section>
  );
}
