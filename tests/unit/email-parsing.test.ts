import { describe, expect, it } from "vitest";
import { addressOf, plusAddress, plusTag } from "@/lib/email/mail-address";
import { readInbound, replyText } from "@/lib/email/read-inbound";
import { replyTokenKey, signReplyTag, verifyReplyTag } from "@/lib/email/reply-token";
import { rawMessageId } from "@/lib/email/store-inbound-email";

const own = { addresses: ["desk@mail.test"], domain: "mail.test" };
const raw = (lines: string[]) => Buffer.from(lines.join("\r\n"), "utf8");

describe("reply addresses", () => {
  it("round-trip a signed tag through a plus address, whatever the case a mail system folds to", () => {
    const key = replyTokenKey("unit-secret-for-reply-addresses-0123456789")!;
    const address = plusAddress("Desk <Desk@Mail.test>", signReplyTag("ckabc123", key));
    expect(address.length).toBeLessThanOrEqual(254);
    expect(address.split("@")[0]!.length).toBeLessThanOrEqual(64);
    const tag = plusTag(address.toUpperCase(), "desk@mail.test")!;
    expect(verifyReplyTag(tag, key)).toBe("ckabc123");
    expect(tag.startsWith("ckabc123.")).toBe(true);
    expect(verifyReplyTag(tag.replace("ckabc123", "ckabc124"), key)).toBeNull();
    expect(verifyReplyTag(tag, undefined)).toBeNull();
    expect(plusTag("desk@other.test", "desk@mail.test")).toBeNull();
    expect(plusTag("someone+x@mail.test", "desk@mail.test")).toBeNull();
    expect(addressOf("  A@B.test ")).toBe("a@b.test");
  });
});

describe("the new part of a reply", () => {
  it.each([
    ["Gmail", "Sounds good.\n\nOn Tue, 1 Dec 2026 at 10:00, Desk <desk@mail.test> wrote:\n> old text\n", "Sounds good."],
    ["Gmail, wrapped", "Sounds good.\n\nOn Tue, 1 Dec 2026 at 10:00, Service Desk <desk@mail.test>\nwrote:\n> old\n", "Sounds good."],
    ["Outlook", "Sounds good.\n\nFrom: Service Desk <desk@mail.test>\nSent: Tuesday, 1 December 2026 10:00\nTo: Erin\n\nold", "Sounds good."],
    ["Original Message", "Sounds good.\n-----Original Message-----\nold", "Sounds good."],
    ["signature", "Sounds good.\n-- \nErin Evans\nMarketing", "Sounds good."],
    ["the desk's marker", "Sounds good.\n\n—— Reply above this line ——\n\nold notice", "Sounds good."],
    ["German client", "Passt.\n\nAm 01.12.2026 um 10:00 schrieb Desk <desk@mail.test>:\n> alt", "Passt."],
    ["interleaved quotes dropped", "> question?\nanswer\n> other?\nsecond answer", "answer\nsecond answer"],
  ])("%s", (_name, text, expected) => {
    expect(replyText(text)).toBe(expected);
  });
});

describe("reading a mail", () => {
  it("takes the Message-ID from the headers, or hashes the bytes", () => {
    expect(rawMessageId(raw(["Subject: x", "Message-ID:", "  <folded@x.test>", "", "body"]))).toBe("<folded@x.test>");
    expect(rawMessageId(raw(["Subject: x", "", "Message-ID: <in-body@x.test>"]))).toMatch(/^<sha256\.[0-9a-f]{64}@no-message-id>$/);
  });

  it("recognises bounces, auto-replies, loops and forged senders", async () => {
    const base = ["From: erin@corp.test", "To: fac@corp.test", "Subject: Hello", "Message-ID: <1@corp.test>"];
    expect((await readInbound(raw([...base, "", "hi"]), own)).noise).toBeNull();
    expect((await readInbound(raw([...base, "Auto-Submitted: no", "", "hi"]), own)).noise).toBeNull();
    expect((await readInbound(raw([...base, "Auto-Submitted: auto-replied", "", "hi"]), own)).noise).toBe("auto-reply");
    expect((await readInbound(raw([...base, "Precedence: junk", "", "hi"]), own)).noise).toBe("bulk");
    expect((await readInbound(raw(["From: desk@mail.test", ...base.slice(1), "", "hi"]), own)).noise).toBe("loop");
    expect((await readInbound(raw(["From: erin@corp.test", "To: x@y.test", "Subject: Re: x", "Message-ID: <d.abc@mail.test>", "", "hi"]), own)).noise).toBe("loop");
    // Only the top Authentication-Results counts: the receiving server's, not one the sender wrote.
    const forged = ["Authentication-Results: mx.corp.test; dmarc=fail header.from=corp.test", "Authentication-Results: fake; dmarc=pass"];
    expect((await readInbound(raw([...base, ...forged, "", "hi"]), own)).forged).toBe(true);
    expect((await readInbound(raw([...base, ...forged.reverse(), "", "hi"]), own)).forged).toBe(false);
    expect((await readInbound(raw([...base, "Authentication-Results: mx; spf=fail; dkim=pass", "", "hi"]), own)).forged).toBe(false);
    expect((await readInbound(raw(["From: MAILER-DAEMON@corp.test", "Subject: Undelivered Mail Returned to Sender", "", "x"]), own)).bounce).toBe(true);
  });
});
