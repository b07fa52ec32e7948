import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { actorOf, seedDesk, seedPerson, seedRequestType, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";
import { mime } from "../support/mime";

// The admin's mailbox is the embedded demo's: this file runs as one (env() is read once per file).
vi.hoisted(() => {
  process.env.DESK_EMBEDDED = "true";
});
const { db } = await import("@/lib/db/client");
const { listInboundEmails, readOutboxEmail, uploadInboundEmail } = await import("@/lib/email/admin-mailbox");
const { addInboundAddress, inboundAddressSettings, setInboundAddressActive } = await import("@/lib/email/manage-inbound-addresses");

let desk: Awaited<ReturnType<typeof seedDesk>>;
let admin: Actor;

beforeEach(async () => {
  desk = await seedDesk();
  admin = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "ADMIN" }] })).id);
});

describe("inbound addresses of a department", () => {
  it("the head adds one mapped to a type without required fields, turns it off and on; everything is audited", async () => {
    const address = `Facilities-${uid()}@Corp.test`;
    const row = await addInboundAddress({ actor: desk.head, input: { departmentId: desk.provider.id, address, typeId: desk.type.id } });
    expect(row.address).toBe(address.toLowerCase());
    const settings = await inboundAddressSettings({ actor: desk.head, departmentKey: desk.provider.key });
    expect(settings.addresses).toMatchObject([{ address: address.toLowerCase(), active: true, type: { id: desk.type.id } }]);
    await setInboundAddressActive({ actor: desk.head, input: { addressId: row.id, active: false } });
    expect(await db().inboundAddress.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ active: false });
    expect(await db().auditEvent.count({ where: { subject: `inbound-address:${row.id}` } })).toBe(2);
  });

  it("refuses agents, other departments' heads, bad addresses, taken addresses, foreign types and types with required fields", async () => {
    const input = { departmentId: desk.provider.id, address: `fac-${uid()}@corp.test`, typeId: desk.type.id };
    await expectAppError(addInboundAddress({ actor: desk.agent, input }), "FORBIDDEN");
    await expectAppError(addInboundAddress({ actor: desk.requester, input }), "NOT_FOUND");
    await expectAppError(inboundAddressSettings({ actor: desk.agent, departmentKey: desk.provider.key }), "NOT_FOUND");
    await expectAppError(addInboundAddress({ actor: desk.head, input: { ...input, address: "not an address" } }), "INVALID_INPUT");
    await expectAppError(addInboundAddress({ actor: desk.head, input: { ...input, address: `desk+x-${uid()}@corp.test` } }), "INVALID_INPUT");
    const otherType = await seedRequestType({ departmentId: desk.other.id });
    await expectAppError(addInboundAddress({ actor: desk.head, input: { ...input, typeId: otherType.id } }), "INVALID_INPUT");
    const formType = await seedRequestType({ departmentId: desk.provider.id, fields: [{ key: "room", label: "Room", kind: "text", required: true }] });
    await expectAppError(addInboundAddress({ actor: desk.head, input: { ...input, typeId: formType.id } }), "INVALID_INPUT");
    const row = await addInboundAddress({ actor: desk.head, input });
    await expectAppError(addInboundAddress({ actor: desk.head, input }), "INVALID_INPUT");
    await expectAppError(setInboundAddressActive({ actor: desk.agent, input: { addressId: row.id, active: false } }), "FORBIDDEN");
    await expectAppError(setInboundAddressActive({ actor: desk.outsiderAgent, input: { addressId: row.id, active: false } }), "NOT_FOUND");
    expect(await db().inboundAddress.count({ where: { departmentId: desk.provider.id } })).toBe(1);
  });
});

describe("the admin's mailbox in the embedded demo", () => {
  it("an admin uploads an .eml that files a request, sees it in the inbound log, and reads the local outbox's mail", async () => {
    const inbox = `fac-${uid()}@in.test`;
    await db().inboundAddress.create({ data: { address: inbox, departmentId: desk.provider.id, typeId: desk.type.id } });
    const eml = await mime({ from: desk.requester.email, to: inbox, subject: "Window stuck", text: "Cannot open it." });
    await expectAppError(uploadInboundEmail({ actor: desk.head, eml }), "FORBIDDEN");
    await expectAppError(uploadInboundEmail({ actor: admin, eml: new Uint8Array() }), "INVALID_INPUT");
    const result = await uploadInboundEmail({ actor: admin, eml });
    expect(result).toMatchObject({ status: "FILED", duplicate: false });
    expect((await uploadInboundEmail({ actor: admin, eml })).duplicate).toBe(true);
    expect(await db().request.count({ where: { requesterId: desk.requester.id } })).toBe(1);
    const log = await listInboundEmails({ actor: admin });
    expect(log[0]).toMatchObject({ source: "upload", status: "FILED", fromAddress: desk.requester.email });
    expect(log[0]!.reference).toMatch(/-\d+$/);
    await expectAppError(listInboundEmails({ actor: desk.head }), "FORBIDDEN");

    const raw = (await mime({ from: "Desk <desk@mail.test>", to: desk.requester.email, subject: "Hello", text: "Plain", html: "<p>Rich</p>" })).toString("utf8");
    const delivery = await db().emailDelivery.create({ data: { kind: "reply", to: desk.requester.email, subject: "Hello", text: "Plain", status: "SENT", raw } });
    const mail = await readOutboxEmail({ actor: admin, deliveryId: delivery.id });
    expect(mail).toMatchObject({ subject: "Hello", html: "<p>Rich</p>" });
    expect(mail.headers.map((h) => h.key)).toContain("message-id");
    await expectAppError(readOutboxEmail({ actor: desk.head, deliveryId: delivery.id }), "FORBIDDEN");
  });
});
