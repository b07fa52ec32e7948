import dns from "node:dns";
import net from "node:net";

/**
 * The SSRF guard: a webhook may only reach the public internet. Addresses of this machine, of the
 * private networks behind it and of cloud metadata services are refused, when the webhook is saved
 * (its host's addresses as DNS gives them then) and again at every delivery, after DNS resolution,
 * on the very address the connection then uses (so a name that resolves to a public address at
 * save time and to 127.0.0.1 later still gets nowhere). DESK_WEBHOOK_ALLOW_PRIVATE lifts this for
 * tests and closed networks.
 */
const blocked = new net.BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
// IPv6 forms that carry an IPv4 address inside are refused whole, whatever that address: a gateway,
// relay or the kernel may deliver them to it (the IPv4 ranges above would not see it).
for (const [network, prefix] of [
  ["::", 96], // unspecified, loopback and IPv4-compatible (::127.0.0.1)
  ["::ffff:0:0:0", 96], // IPv4-translated (SIIT)
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48], // local-use NAT64
  ["2001::", 32], // Teredo
  ["2002::", 16], // 6to4
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10],
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address is one a webhook must not reach (loopback, private, link-local, reserved). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, "ipv4");
    return blocked.check(address, "ipv6");
  }
  return true; // not an IP address at all: nothing to connect to
}

export class RefusedAddressError extends Error {
  override name = "RefusedAddressError";
}

export type GuardOptions = { allowPrivate: boolean; resolve?: (host: string) => Promise<string[]> };

const resolveAll = async (host: string) => (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** The host of a URL as DNS or net wants it (IPv6 literals come bracketed in URLs). */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * Checks a webhook address when it is saved: https only (http too when private addresses are
 * allowed), and every address its host resolves to public. Returns the reason it is refused, or
 * null. A name that does not resolve is refused: nothing could be delivered to it.
 */
export async function refuseWebhookUrl(raw: string, options: GuardOptions): Promise<string | null> {
  if (!URL.canParse(raw)) return "Enter a full address, e.g. https://hooks.example.com/desk";
  const url = new URL(raw);
  if (url.protocol !== "https:" && !(options.allowPrivate && url.protocol === "http:")) return "The address must start with https://";
  // "localhost." is "localhost": an absolute name ends in dots the name rule must not stop at.
  const host = hostOf(url).replace(/\.+$/, "");
  if (options.allowPrivate) return null;
  if (/^localhost$|\.localhost$|\.local$|\.internal$/i.test(host)) return "This address is on a private network: webhooks only go to public addresses.";
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : await (options.resolve ?? resolveAll)(host);
  } catch {
    return `The name ${host} does not resolve: check the address.`;
  }
  if (addresses.length === 0) return `The name ${host} does not resolve: check the address.`;
  if (addresses.some(isPrivateAddress)) return "This address is on a private network (or this machine): webhooks only go to public addresses.";
  return null;
}

/**
 * A `lookup` for http.request that resolves the host and refuses a private address, so that the
 * check and the connection use the same address (no second resolution an attacker's DNS could
 * answer differently).
 */
export function guardedLookup(options: GuardOptions): net.LookupFunction {
  return (hostname, lookupOptions, callback) => {
    const done = callback;
    (options.resolve ?? resolveAll)(hostname).then(
      (addresses) => {
        const usable = options.allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a));
        if (addresses.length === 0) return done(new RefusedAddressError(`${hostname} does not resolve`), "");
        if (usable.length !== addresses.length || usable.length === 0) {
          return done(new RefusedAddressError(`${hostname} resolves to a private address: refused`), "");
        }
        const first = usable[0]!;
        if ((lookupOptions).all) return done(null, usable.map((address) => ({ address, family: net.isIP(address) })));
        done(null, first, net.isIP(first));
      },
      (error: Error) => done(error, ""),
    );
  };
}
