"use client";

/** The root layout itself failed (e.g. the database was unreachable while reading the session). */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: "32rem", margin: "4rem auto", padding: "0 1rem", lineHeight: 1.5 }}>
        <h1>We&apos;ll be right back</h1>
        <p>The desk could not load this page just now. Nothing you saved is lost: try again in a few seconds.</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
