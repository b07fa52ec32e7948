/**
 * Authentication-Results (RFC 8601) as the receiving mail server writes them, and whether they vouch
 * for the From address (pure). A sender can write any Authentication-Results into its own mail, so
 * only headers carrying the authserv-id of a server the desk trusts count (INBOUND_REQUIRE_AUTH_RESULTS);
 * RFC 8601 section 5 has that server remove any header already claiming its id, so the topmost one
 * with that id is its own.
 */
export type AuthResult = { method: string; result: string; props: Record<string, string> };
export type AuthResults = { authservId: string; results: AuthResult[] };

/** Comments in parentheses (nested allowed), outside quoted strings, become a space. */
function stripComments(value: string): string {
  let out = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted) {
      if (c === "\\") {
        out += c + (value[i + 1] ?? "");
        i++;
        continue;
      }
      if (c === '"') quoted = false;
      out += c;
    } else if (c === "(") depth++;
    else if (c === ")" && depth > 0) {
      depth--;
      if (depth === 0) out += " ";
    } else if (depth === 0) {
      if (c === '"') quoted = true;
      out += c;
    }
  }
  return out;
}

const unquote = (v: string) => (v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/\\(.)/g, "$1") : v);

/** One header's value (after "Authentication-Results:"); null when it has no authserv-id. */
export function parseAuthResults(header: string): AuthResults | null {
  const [head, ...rest] = stripComments(header.replace(/\r?\n[ \t]+/g, " ")).split(";");
  const authservId = head?.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (!authservId || authservId.includes("=")) return null;
  const results: AuthResult[] = [];
  for (const part of rest) {
    const tokens = part.trim().match(/[^\s=]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^\s;]+)|\S+/g) ?? [];
    const first = /^([a-z0-9_.-]+)(?:\/\d+)?\s*=\s*([a-z]+)$/i.exec(tokens[0] ?? "");
    if (!first) continue; // "none", or a method this reader does not know how to read
    const props: Record<string, string> = {};
    for (const token of tokens.slice(1)) {
      const prop = /^([a-z0-9_-]+\.[a-z0-9_.-]+)\s*=\s*(.+)$/i.exec(token);
      if (prop) props[prop[1]!.toLowerCase()] = unquote(prop[2]!).toLowerCase();
    }
    results.push({ method: first[1]!.toLowerCase(), result: first[2]!.toLowerCase(), props });
  }
  return { authservId, results };
}

/** The domain of an address or an `@domain` identity (DKIM's header.i), lower case. */
const domainPart = (v: string | undefined) => (v ? (v.includes("@") ? v.slice(v.lastIndexOf("@") + 1) : v).replace(/^\.+|\.+$/g, "").toLowerCase() : "");

/** Relaxed alignment (DMARC's default): the same domain, or one a subdomain of the other. */
const aligned = (a: string, b: string) => Boolean(a && b) && (a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`));

export type SenderCheck = { ok: true; by: string } | { ok: false; reason: string };

/**
 * Whether a trusted server vouches for the From domain: the topmost header from one of `trusted`
 * says dmarc=pass (for that From domain when it names one), or spf=pass for an aligned
 * smtp.mailfrom, or dkim=pass for an aligned header.d / header.i. Headers from other servers are
 * not read at all.
 */
export function checkSender(options: { headers: string[]; from: string; trusted: string[] }): SenderCheck {
  const fromDomain = domainPart(options.from);
  const trusted = new Set(options.trusted.map((t) => t.toLowerCase()));
  const ours = options.headers.map(parseAuthResults).find((h) => h !== null && trusted.has(h.authservId));
  if (!ours) return { ok: false, reason: `no Authentication-Results from ${[...trusted].join(" or ")}` };
  const passes = (method: string) => ours.results.filter((r) => r.method === method && r.result === "pass");
  const dmarc = passes("dmarc").find((r) => !r.props["header.from"] || aligned(domainPart(r.props["header.from"]), fromDomain));
  if (dmarc) return { ok: true, by: `dmarc=pass from ${ours.authservId}` };
  const spf = passes("spf").find((r) => aligned(domainPart(r.props["smtp.mailfrom"] ?? r.props["smtp.helo"]), fromDomain));
  if (spf) return { ok: true, by: `spf=pass for ${fromDomain} from ${ours.authservId}` };
  const dkim = passes("dkim").find((r) => aligned(domainPart(r.props["header.d"] ?? r.props["header.i"]), fromDomain));
  if (dkim) return { ok: true, by: `dkim=pass for ${fromDomain} from ${ours.authservId}` };
  return { ok: false, reason: `${ours.authservId} gives no dmarc=pass nor spf/dkim pass for ${fromDomain}` };
}
