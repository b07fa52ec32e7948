import { describe, expect, it } from "vitest";
import { eventRow, readEvent } from "@/lib/requests/events";

describe("request events", () => {
  it("writes a payload that fits its type and reads it back typed", () => {
    const row = eventRow("r1", "p1", "status_changed", { from: { status: "RESOLVED" }, to: { status: "OPEN", reopened: true } });
    expect(row).toMatchObject({ requestId: "r1", actorId: "p1", type: "status_changed" });
    const event = readEvent({ type: row.type, from: row.from as object, to: row.to as object });
    expect(event?.type === "status_changed" && event.to.reopened).toBe(true);
  });

  it("refuses to write a payload that does not fit its type", () => {
    // A caller that gets round the types (JSON from elsewhere) still cannot store a wrong shape.
    expect(() => eventRow("r1", null, "assigned", { from: { assigneeId: null }, to: {} } as never)).toThrow();
    expect(() => eventRow("r1", null, "status_changed", { from: { status: "NEW" }, to: { status: "DONE" } } as never)).toThrow();
  });

  it("stores only the schema's keys", () => {
    const row = eventRow("r1", null, "linked", { to: { requestId: "r2", reference: "IT-2", linkId: "l1", extra: "x" } as never });
    expect(row.to).toEqual({ requestId: "r2", reference: "IT-2", linkId: "l1" });
    expect(row.from).toBeUndefined();
  });

  it("reads a row that fits no schema as null: an unknown type, or a payload of another shape", () => {
    expect(readEvent({ type: "type_changed", from: null, to: { typeId: "t1" } })).toBeNull();
    expect(readEvent({ type: "status_changed", from: { status: "OPEN" }, to: { status: "DONE" } })).toBeNull();
    expect(readEvent({ type: "transferred", from: { departmentId: "d1" }, to: { departmentId: "d2" } })).toBeNull();
    // What an imported history may lack and the clocks do not need is optional.
    expect(readEvent({ type: "status_changed", from: null, to: { status: "OPEN" } })).toMatchObject({ to: { status: "OPEN" } });
    expect(readEvent({ type: "commented", from: null, to: { commentId: "c1", visibility: "PUBLIC" } })).toMatchObject({ to: { commentId: "c1" } });
  });
});
