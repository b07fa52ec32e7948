/** Mail address helpers shared by outbound composition and inbound processing (pure). */

/** `Service Desk <desk@example.com>` or `desk@example.com` → `desk@example.com` (lower case). */
export function addressOf(mailbox: string): string {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(mailbox);
  return (angle ? angle[1]! : mailbox.trim()).toLowerCase();
}

export function domainOf(address: string): string {
  return addressOf(address).split("@")[1] ?? "localhost";
}

/** `desk@example.com` + `abc` → `desk+abc@example.com`. */
export function plusAddress(address: string, tag: string): string {
  const [local, domain] = addressOf(address).split("@");
  return `${local}+${tag}@${domain}`;
}

/** The tag of a plus address to `base`: `desk+abc@example.com` → `abc`; null for any other address. */
export function plusTag(address: string, base: string): string | null {
  const [local, domain] = addressOf(address).split("@");
  const [baseLocal, baseDomain] = addressOf(base).split("@");
  if (!local || domain !== baseDomain) return null;
  const plus = local.indexOf("+");
  if (plus < 0 || local.slice(0, plus) !== baseLocal) return null;
  return local.slice(plus + 1) || null;
}
