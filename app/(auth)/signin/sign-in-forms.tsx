"use client";
import type { signIn as SignIn } from "next-auth/react";
import { useMemo, useState } from "react";
import { Button, inputClass } from "../../_components/ui";

/** next-auth's client (~10 kB gzipped) is fetched when a sign-in button is pressed, not with the page. */
const signIn: typeof SignIn = async (...args) => (await import("next-auth/react")).signIn(...args);

export function SsoButton({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  return (
    <Button type="button" className="w-full" onClick={() => void signIn("oidc", { callbackUrl })}>
      Continue with {name}
    </Button>
  );
}

export function EmailSignIn({ callbackUrl }: { callbackUrl: string }) {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) {
          setError("Enter your work email address.");
          return;
        }
        setError(null);
        setBusy(true);
        // A failed request (network down) must give the button back, not leave it busy for good.
        signIn("email", { email: email.trim(), callbackUrl })
          .catch(() => setError("The sign-in link could not be sent. Try again."))
          .finally(() => setBusy(false));
      }}
    >
      <label htmlFor="email" className="block text-sm font-medium">
        Work email
      </label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "email-error" : undefined}
        className={inputClass}
        placeholder="you@example.com"
      />
      {error ? (
        <p id="email-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" className="w-full" disabled={busy}>
        Email me a sign-in link
      </Button>
    </form>
  );
}

type DemoPerson = { id: string; name: string; detail: string; roles: string[]; tour?: string };

export function DemoPicker({ people, callbackUrl }: { people: DemoPerson[]; callbackUrl: string }) {
  const [query, setQuery] = useState("");
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    // Unfiltered, the tour's people are listed once, above; a filter searches everyone.
    return q ? people.filter((p) => `${p.name} ${p.detail} ${p.roles.join(" ")}`.toLowerCase().includes(q)) : people.filter((p) => !p.tour);
  }, [people, query]);
  const tour = query.trim() ? [] : people.filter((p) => p.tour);
  return (
    <div className="space-y-3">
      {tour.length ? (
        <section aria-labelledby="demo-tour">
          <h3 id="demo-tour" className="mb-2 text-sm font-semibold text-slate-700">
            Good people to start with
          </h3>
          <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-brand-200">
            {tour.map((p) => (
              <li key={p.id}>
                <PersonButton person={p} callbackUrl={callbackUrl} detail={p.tour} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {people.some((p) => p.tour) ? <h3 className="text-sm font-semibold text-slate-700">Everyone</h3> : null}
      <label htmlFor="demo-filter" className="sr-only">
        Filter people
      </label>
      <input id="demo-filter" className={inputClass} placeholder="Filter by name, department or role (e.g. agent FAC)" value={query} onChange={(e) => setQuery(e.target.value)} />
      <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200">
        {shown.map((p) => (
          <li key={p.id}>
            <PersonButton person={p} callbackUrl={callbackUrl} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function PersonButton({ person, callbackUrl, detail }: { person: DemoPerson; callbackUrl: string; detail?: string }) {
  return (
    <button
      type="button"
      onClick={() => void signIn("demo", { personId: person.id, callbackUrl })}
      className="flex w-full items-center justify-between gap-3 px-3 py-2 text-left hover:bg-brand-50 focus-visible:bg-brand-50"
    >
      <span>
        <span className="block text-sm font-medium">{person.name}</span>
        <span className="block text-xs text-slate-600">{detail ?? person.detail}</span>
      </span>
      <span className="flex flex-wrap justify-end gap-1">
        {person.roles.map((r) => (
          <span key={r} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
            {r}
          </span>
        ))}
      </span>
    </button>
  );
}
