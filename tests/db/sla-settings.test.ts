import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { updateRequest } from "@/lib/requests/update-request";
import { createCalendar, importHolidaysFromIcs, previewHolidayImport, updateCalendar } from "@/lib/service-levels/manage-calendars";
import { createPolicy, reorderPolicy, setPolicyActive, updatePolicy } from "@/lib/service-levels/manage-policies";
import { effectivePolicies } from "@/lib/sla/policy-matching";
import { actorOf, seedDesk, seedPerson, seedRequestType, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";


const officeHours = { mon: "09:00-12:00, 13:00-17:00", tue: "09:00-17:00", wed: "09:00-17:00", thu: "09:00-17:00", fri: "09:00-15:00", sat: "", sun: "" };
const allDay = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, "00:00-24:00"]));

type World = Awaited<ReturnType<typeof seedWorld>>;
const departmentIds: string[] = [];

async function seedWorld() {
  const desk = await seedDesk();
  departmentIds.push(desk.provider.id, desk.other.id);
  const otherHeadRow = await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }] });
  return { ...desk, otherHead: await actorOf(otherHeadRow.id), employee: desk.requester };
}

let w: World;
beforeEach(async () => {
  w = await seedWorld();
});

afterEach(async () => {
  const made = departmentIds.splice(0);
  // Request events are append-only in the database itself, so departments that saw a request stay
  // (unique names keep them out of other tests' way); the rest go with everything they hold.
  const withRequests = await db().request.findMany({ where: { OR: [{ departmentId: { in: made } }, { requesterDepartmentId: { in: made } }] }, select: { departmentId: true, requesterDepartmentId: true } });
  const kept = new Set(withRequests.flatMap((r) => [r.departmentId, r.requesterDepartmentId]));
  const ids = made.filter((id) => !kept.has(id));
  await db().slaPolicy.deleteMany({ where: { departmentId: { in: ids } } });
  await db().slaCalendar.deleteMany({ where: { departmentId: { in: ids } } });
  await db().requestType.deleteMany({ where: { departmentId: { in: ids } } });
  await db().roleGrant.deleteMany({ where: { departmentId: { in: ids } } });
  await db().person.deleteMany({ where: { departmentId: { in: ids } } });
  await db().department.deleteMany({ where: { id: { in: ids } } });
});

const calendarInput = (over: Record<string, unknown> = {}) => ({
  departmentId: w.provider.id,
  name: `Office ${uid()}`,
  timeZone: "Europe/Berlin",
  hours: officeHours,
  holidays: "2026-12-24\n2026-12-25\n",
  ...over,
});

async function seedSettings() {
  const calendar = await createCalendar({ actor: w.head, input: calendarInput({ hours: allDay, timeZone: "UTC", holidays: [] }) });
  const policy = await createPolicy({
    actor: w.head,
    input: { departmentId: w.provider.id, name: "Standard", calendarId: calendar.id, firstResponseMinutes: 60, resolutionMinutes: { hours: 8, minutes: 0 } },
  });
  return { calendar, policy };
}

const snapshot = async (departmentId: string) => ({
  calendars: await db().slaCalendar.findMany({ where: { departmentId }, orderBy: { id: "asc" } }),
  policies: await db().slaPolicy.findMany({ where: { departmentId }, orderBy: { id: "asc" } }),
});
const auditOf = (subject: string) => db().auditEvent.findMany({ where: { subject }, orderBy: { id: "asc" } });
const definitionOf = async (id: string) => (await db().slaCalendar.findUniqueOrThrow({ where: { id } })).definition as { timeZone: string; hours: Record<string, string[][]>; holidays: string[] };
const clocksOf = (requestId: string) => db().slaClock.findMany({ where: { requestId }, orderBy: [{ metric: "asc" }, { cycle: "asc" }] });

describe("calendars", () => {
  it("creates and updates a calendar from form text, canonicalises the zone and audits both", async () => {
    const created = await createCalendar({ actor: w.head, input: calendarInput({ name: "Office", timeZone: "europe/berlin", hours: { ...officeHours, sat: "9:00 - 12:00" } }) });
    expect(await definitionOf(created.id)).toEqual({
      timeZone: "Europe/Berlin",
      hours: { mon: [["09:00", "12:00"], ["13:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "15:00"]], sat: [["09:00", "12:00"]], sun: [] },
      holidays: ["2026-12-24", "2026-12-25"],
    });

    await updateCalendar({ actor: w.head, input: { calendarId: created.id, name: "Office hours", timeZone: "America/New_York", hours: { ...officeHours, mon: [["08:00", "16:00"]] }, holidays: ["2026-07-03", "2026-12-25"] } });
    const row = await db().slaCalendar.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.name).toBe("Office hours");
    expect(row.definition).toMatchObject({ timeZone: "America/New_York", hours: { mon: [["08:00", "16:00"]] }, holidays: ["2026-07-03", "2026-12-25"] });

    const audit = await auditOf(`sla-calendar:${created.id}`);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["sla.calendar.created", w.head.id],
      ["sla.calendar.updated", w.head.id],
    ]);
    expect(audit[1]!.detail).toMatchObject({ from: { name: "Office", timeZone: "Europe/Berlin" }, to: { name: "Office hours" }, holidaysAdded: ["2026-07-03"], holidaysRemoved: ["2026-12-24"] });
  });

  it("reports overlapping spans, an unknown zone, a day typed wrong and a bad holiday beside their fields, and saves nothing", async () => {
    const bad = await expectAppError(
      createCalendar({ actor: w.head, input: calendarInput({ timeZone: "Mars/Olympus", hours: { ...officeHours, mon: "08:00-12:00, 11:00-13:00", tue: "9-5" }, holidays: "2026-02-30" }) }),
      "INVALID_INPUT",
    );
    // The typed-wrong day is caught before the calendar is checked as a whole.
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(["hours.tue"]);
    expect(bad.fieldErrors?.["hours.tue"]?.[0]).toContain('"9-5"');

    const overlap = await expectAppError(
      createCalendar({ actor: w.head, input: calendarInput({ timeZone: "Mars/Olympus", hours: { ...officeHours, mon: "08:00-12:00, 11:00-13:00", wed: "17:00-09:00" }, holidays: "2026-02-30" }) }),
      "INVALID_INPUT",
    );
    expect(Object.keys(overlap.fieldErrors ?? {}).sort()).toEqual(["holidays", "hours.mon", "hours.wed", "timeZone"]);
    expect(overlap.fieldErrors?.["hours.mon"]?.[0]).toMatch(/overlap/);
    expect(overlap.fieldErrors?.["hours.wed"]?.[0]).toMatch(/ends before it starts/);
    expect(overlap.fieldErrors?.timeZone?.[0]).toContain("Mars/Olympus");

    const closed = await expectAppError(createCalendar({ actor: w.head, input: calendarInput({ hours: {} }) }), "INVALID_INPUT");
    expect(closed.fieldErrors?.hours?.[0]).toMatch(/no open time/);
    expect(await db().slaCalendar.count({ where: { departmentId: w.provider.id } })).toBe(0);

    const { calendar } = await seedSettings();
    const seeded = await snapshot(w.provider.id);
    await expectAppError(updateCalendar({ actor: w.head, input: { ...calendarInput({ hours: { mon: "10:00-09:00" } }), calendarId: calendar.id } }), "INVALID_INPUT");
    const duplicate = await expectAppError(createCalendar({ actor: w.head, input: calendarInput({ name: calendar.name.toUpperCase() }) }), "INVALID_INPUT");
    expect(duplicate.fieldErrors?.name).toHaveLength(1);
    expect(await snapshot(w.provider.id)).toEqual(seeded);
  });
});

describe("policies", () => {
  it("creates, updates, reorders and switches policies, with targets from hours and minutes", async () => {
    const { calendar, policy } = await seedSettings();
    expect(policy).toMatchObject({ position: 0, firstResponseMinutes: 60, resolutionMinutes: 480, nextReplyMinutes: null, pauseStatuses: ["WAITING_ON_REQUESTER"], active: true });

    const urgent = await createPolicy({
      actor: w.head,
      input: { departmentId: w.provider.id, name: "Urgent", calendarId: calendar.id, priorities: ["URGENT"], requestTypeIds: [w.type.id], firstResponseMinutes: "15", pauseStatuses: [] },
    });
    const third = await createPolicy({ actor: w.head, input: { departmentId: w.provider.id, name: "Low", calendarId: calendar.id, priorities: ["LOW"], resolutionMinutes: { hours: "", minutes: "90" } } });
    // After the catch-all "Standard" neither could ever apply, so each goes just above it, and says so.
    expect([urgent.position, urgent.movedAbove?.name, third.position, third.movedAbove?.name, third.resolutionMinutes]).toEqual([0, "Standard", 1, "Standard", 90]);
    const order = async () => (await db().slaPolicy.findMany({ where: { departmentId: w.provider.id }, orderBy: { position: "asc" } })).map((p) => [p.name, p.position]);
    expect(await order()).toEqual([["Urgent", 0], ["Low", 1], ["Standard", 2]]);

    await reorderPolicy({ actor: w.head, input: { policyId: urgent.id, direction: "up" } }); // already first: nothing moves
    await reorderPolicy({ actor: w.head, input: { policyId: urgent.id, direction: "down" } });
    expect(await order()).toEqual([["Low", 0], ["Urgent", 1], ["Standard", 2]]);
    await reorderPolicy({ actor: w.head, input: { policyId: urgent.id, direction: "up" } });
    expect(await order()).toEqual([["Urgent", 0], ["Low", 1], ["Standard", 2]]);
    // Moving the catch-all above "Low" would leave "Low" unused: refused, beside the control, nothing moves.
    const hidden = await expectAppError(reorderPolicy({ actor: w.head, input: { policyId: policy.id, direction: "up" } }), "INVALID_INPUT");
    expect(hidden.userMessage).toMatch(/"Low" would never apply: "Standard", which comes first/);
    expect(await order()).toEqual([["Urgent", 0], ["Low", 1], ["Standard", 2]]);

    await updatePolicy({
      actor: w.head,
      input: { policyId: policy.id, name: "Standard 2", calendarId: calendar.id, firstResponseMinutes: { hours: 2, minutes: 30 }, nextReplyMinutes: 240, pauseStatuses: ["WAITING_ON_REQUESTER", "NEW"] },
    });
    await setPolicyActive({ actor: w.head, input: { policyId: third.id, active: false } });
    // A form opened before that save (the version it showed) is refused and changes nothing.
    const stale = await expectAppError(
      updatePolicy({ actor: w.head, input: { policyId: policy.id, name: "Overwritten", calendarId: calendar.id, firstResponseMinutes: 5, expectedVersion: policy.updatedAt.toISOString() } }),
      "STALE_VERSION",
    );
    expect(stale.userMessage).toMatch(/changed since you opened it/);
    const row = await db().slaPolicy.findUniqueOrThrow({ where: { id: policy.id } });
    expect(row).toMatchObject({ name: "Standard 2", firstResponseMinutes: 150, resolutionMinutes: null, nextReplyMinutes: 240, pauseStatuses: ["WAITING_ON_REQUESTER", "NEW"], position: 2 });
    expect((await db().slaPolicy.findUniqueOrThrow({ where: { id: third.id } })).active).toBe(false);

    expect((await auditOf(`sla-policy:${policy.id}`)).map((a) => a.action)).toEqual(["sla.policy.created", "sla.policy.updated"]);
    expect((await auditOf(`sla-policy:${urgent.id}`)).map((a) => a.action)).toEqual(["sla.policy.created", "sla.policy.reordered", "sla.policy.reordered"]);
    expect((await auditOf(`sla-policy:${third.id}`)).map((a) => a.action)).toEqual(["sla.policy.created", "sla.policy.deactivated"]);
  });

  it("refuses missing or out-of-range targets and another department's calendar or request types, saving nothing", async () => {
    const { calendar } = await seedSettings();
    const before = await snapshot(w.provider.id);
    const base = { departmentId: w.provider.id, name: "P", calendarId: calendar.id };
    const none = await expectAppError(createPolicy({ actor: w.head, input: { ...base, firstResponseMinutes: { hours: "", minutes: "" } } }), "INVALID_INPUT");
    expect(Object.keys(none.fieldErrors ?? {})).toEqual(["targets"]);
    const range = await expectAppError(createPolicy({ actor: w.head, input: { ...base, firstResponseMinutes: 0, resolutionMinutes: 525_601, nextReplyMinutes: { hours: "x" } } }), "INVALID_INPUT");
    expect(Object.keys(range.fieldErrors ?? {}).sort()).toEqual(["firstResponseMinutes", "nextReplyMinutes", "resolutionMinutes"]);
    await createPolicy({ actor: w.head, input: { ...base, name: "Edge", active: false, resolutionMinutes: 525_600 } }).then((p) => db().slaPolicy.delete({ where: { id: p.id } }));

    const otherType = await seedRequestType({ departmentId: w.other.id });
    const otherCalendar = await createCalendar({ actor: w.otherHead, input: calendarInput({ departmentId: w.other.id }) });
    const cal = await expectAppError(createPolicy({ actor: w.head, input: { ...base, calendarId: otherCalendar.id, firstResponseMinutes: 10 } }), "INVALID_INPUT");
    expect(Object.keys(cal.fieldErrors ?? {})).toEqual(["calendarId"]);
    const types = await expectAppError(createPolicy({ actor: w.head, input: { ...base, requestTypeIds: [w.type.id, otherType.id], firstResponseMinutes: 10 } }), "INVALID_INPUT");
    expect(Object.keys(types.fieldErrors ?? {})).toEqual(["requestTypeIds"]);
    expect(await snapshot(w.provider.id)).toEqual(before);
  });
});

describe("policies that could never apply", () => {
  it("refuses a second catch-all, and an edit or a switch-on that would leave a policy unused, changing nothing", async () => {
    const { calendar, policy } = await seedSettings();
    const second = await expectAppError(createPolicy({ actor: w.head, input: { departmentId: w.provider.id, name: "Everything again", calendarId: calendar.id, firstResponseMinutes: 30 } }), "INVALID_INPUT");
    expect(second.fieldErrors?.requestTypeIds?.[0]).toMatch(/could never apply/);

    const urgent = await createPolicy({ actor: w.head, input: { departmentId: w.provider.id, name: "Urgent", calendarId: calendar.id, priorities: ["URGENT"], firstResponseMinutes: 15 } });
    expect(urgent.movedAbove?.id).toBe(policy.id);
    // Widening "Urgent" to every priority would make it a catch-all above "Standard", which then never applies.
    const widened = await expectAppError(
      updatePolicy({ actor: w.head, input: { policyId: urgent.id, name: "Urgent", calendarId: calendar.id, priorities: [], firstResponseMinutes: 15 } }),
      "INVALID_INPUT",
    );
    expect(widened.fieldErrors?.priorities?.[0]).toMatch(/"Standard" would never apply: "Urgent", which comes first/);
    expect((await db().slaPolicy.findUniqueOrThrow({ where: { id: urgent.id } })).priorities).toEqual(["URGENT"]);

    // Off, a policy hides nothing; switching a shadowed copy on is refused.
    const copy = await createPolicy({ actor: w.head, input: { departmentId: w.provider.id, name: "Urgent copy", calendarId: calendar.id, priorities: ["URGENT"], active: false, firstResponseMinutes: 5 } });
    expect(copy.movedAbove).toBeNull();
    await expectAppError(setPolicyActive({ actor: w.head, input: { policyId: copy.id, active: true } }), "INVALID_INPUT");
    expect((await db().slaPolicy.findUniqueOrThrow({ where: { id: copy.id } })).active).toBe(false);
  });

  it("gives a new request the policy the list says it gets", async () => {
    const { calendar } = await seedSettings();
    await createPolicy({ actor: w.head, input: { departmentId: w.provider.id, name: "Urgent", calendarId: calendar.id, priorities: ["URGENT"], firstResponseMinutes: 15 } });
    const urgentType = await seedRequestType({ departmentId: w.provider.id, defaultPriority: "URGENT" });
    const policies = await db().slaPolicy.findMany({ where: { departmentId: w.provider.id }, orderBy: { position: "asc" } });
    const table = effectivePolicies(policies, [{ id: urgentType.id, name: "Urgent repair" }, { id: w.type.id, name: "Repair" }]);
    expect(table.map((r) => r.byPriority.map((c) => c.policy?.name))).toEqual([
      ["Standard", "Standard", "Standard", "Urgent"],
      ["Standard", "Standard", "Standard", "Urgent"],
    ]);
    const policyOf = async (typeId: string) => {
      const filed = await fileRequest({ actor: w.employee, input: { typeId, title: "Broken", description: "It broke.", submissionKey: `k-${uid()}` } });
      const clocks = await db().slaClock.findMany({ where: { requestId: filed.id }, select: { policy: { select: { name: true } } } });
      return [...new Set(clocks.map((c) => c.policy.name))];
    };
    expect(await policyOf(urgentType.id)).toEqual(["Urgent"]);
    expect(await policyOf(w.type.id)).toEqual(["Standard"]);
  });
});

describe("who may change SLA settings", () => {
  it("refuses an agent, another department's head and an employee for every use case, changing nothing", async () => {
    const { calendar, policy } = await seedSettings();
    const before = await snapshot(w.provider.id);
    const auditBefore = await db().auditEvent.count();
    const ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261231\nEND:VEVENT\nEND:VCALENDAR\n";
    const policyInput = { name: "Hijack", calendarId: calendar.id, firstResponseMinutes: 1 };
    const useCases = (actor: Actor) => ({
      createCalendar: () => createCalendar({ actor, input: calendarInput() }),
      updateCalendar: () => updateCalendar({ actor, input: { ...calendarInput(), calendarId: calendar.id } }),
      importHolidaysFromIcs: () => importHolidaysFromIcs({ actor, input: { calendarId: calendar.id, ics } }),
      createPolicy: () => createPolicy({ actor, input: { departmentId: w.provider.id, ...policyInput } }),
      updatePolicy: () => updatePolicy({ actor, input: { policyId: policy.id, ...policyInput } }),
      reorderPolicy: () => reorderPolicy({ actor, input: { policyId: policy.id, direction: "down" } }),
      setPolicyActive: () => setPolicyActive({ actor, input: { policyId: policy.id, active: false } }),
    });
    // Creating in a department is FORBIDDEN; an existing record is FORBIDDEN to its own agents and absent to everyone else.
    const expected = {
      agent: { createCalendar: "FORBIDDEN", updateCalendar: "FORBIDDEN", importHolidaysFromIcs: "FORBIDDEN", createPolicy: "FORBIDDEN", updatePolicy: "FORBIDDEN", reorderPolicy: "FORBIDDEN", setPolicyActive: "FORBIDDEN" },
      otherHead: { createCalendar: "FORBIDDEN", updateCalendar: "NOT_FOUND", importHolidaysFromIcs: "NOT_FOUND", createPolicy: "FORBIDDEN", updatePolicy: "NOT_FOUND", reorderPolicy: "NOT_FOUND", setPolicyActive: "NOT_FOUND" },
      employee: { createCalendar: "FORBIDDEN", updateCalendar: "NOT_FOUND", importHolidaysFromIcs: "NOT_FOUND", createPolicy: "FORBIDDEN", updatePolicy: "NOT_FOUND", reorderPolicy: "NOT_FOUND", setPolicyActive: "NOT_FOUND" },
    } as const;
    for (const who of ["agent", "otherHead", "employee"] as const) {
      for (const [name, run] of Object.entries(useCases(w[who]))) {
        const error = await run().then(
          () => null,
          (e: unknown) => e,
        );
        expect([who, name, error instanceof AppError ? error.code : String(error)]).toEqual([who, name, expected[who][name as keyof (typeof expected)["agent"]]]);
      }
    }
    expect(await snapshot(w.provider.id)).toEqual(before);
    expect(await db().auditEvent.count()).toBe(auditBefore);
  });
});

describe("holiday import from .ics", () => {
  const ics = (...events: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", ...events, "END:VCALENDAR", ""].join("\r\n");
  const event = (...lines: string[]) => ["BEGIN:VEVENT", `UID:${uid()}`, ...lines, "END:VEVENT"].join("\r\n");

  it("adds all-day, multi-day and timed events as local dates of the calendar and skips what it has", async () => {
    const calendar = await createCalendar({ actor: w.head, input: calendarInput({ holidays: "2026-12-25" }) }); // Europe/Berlin
    const file = ics(
      event("SUMMARY:Christmas", "DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261226"),
      event("SUMMARY:New year", "DTSTART;VALUE=DATE:20270101"),
      event("SUMMARY:Closed for the move", "DTSTART;VALUE=DATE:20260601", "DTEND;VALUE=DATE:20260604"),
      // 20:00 in New York is 02:00 the next day in Berlin.
      event("SUMMARY:Offsite", "DTSTART;TZID=America/New_York:20261009T200000", "DTEND;TZID=America/New_York:20261009T220000"),
      // 23:30 UTC is 00:30 in Berlin (winter time): the 1st of December, not the 30th of November.
      event("SUMMARY:Power cut", "DTSTART:20261130T233000Z", "DTEND:20261130T235900Z", "BEGIN:VALARM", "TRIGGER:-PT15M", "DTSTART:20200101T000000Z", "END:VALARM"),
      event("SUMMARY:New year again", "DTSTART;VALUE=DATE:20270101", "DTEND;VALUE=DATE:20270102"),
      // A folded line must not break the parse.
      event("SUMMARY:A very long", " summary folded over two lines", "DTSTART;VALUE=DATE:20260501"),
    );
    const result = await importHolidaysFromIcs({ actor: w.head, input: { calendarId: calendar.id, ics: file } });
    expect(result).toEqual({
      added: ["2026-05-01", "2026-06-01", "2026-06-02", "2026-06-03", "2026-10-10", "2026-12-01", "2027-01-01"],
      // A date the file repeats is one holiday (the first event's name), not a skip.
      skipped: ["2026-12-25"],
    });
    expect((await definitionOf(calendar.id)).holidays).toEqual(["2026-05-01", "2026-06-01", "2026-06-02", "2026-06-03", "2026-10-10", "2026-12-01", "2026-12-25", "2027-01-01"]);

    const again = await importHolidaysFromIcs({ actor: w.head, input: { calendarId: calendar.id, ics: file } });
    expect(again.added).toEqual([]);
    // A calendar form opened before the import must not save over the imported dates.
    const stale = await expectAppError(
      updateCalendar({ actor: w.head, input: { ...calendarInput(), calendarId: calendar.id, expectedVersion: calendar.updatedAt.toISOString() } }),
      "STALE_VERSION",
    );
    expect(stale.userMessage).toMatch(/changed since you opened it/);
    const audit = await auditOf(`sla-calendar:${calendar.id}`);
    expect(audit.map((a) => a.action)).toEqual(["sla.calendar.created", "sla.calendar.holidays_imported"]);
  });

  it("previews before saving, then keeps each holiday's name, which the calendar form reads and writes back", async () => {
    const calendar = await createCalendar({ actor: w.head, input: calendarInput({ holidays: "2026-12-25 Christmas Day\n2026-12-31" }) });
    const file = ics(
      event("SUMMARY:Christmas holidays", "DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261227", "RRULE:FREQ=YEARLY;COUNT=2", "EXDATE;VALUE=DATE:20271224"),
      event("SUMMARY:New year's eve", "DTSTART;VALUE=DATE:20261231"),
    );
    const now = new Date("2026-12-01T12:00:00Z");
    const before = await definitionOf(calendar.id);
    const preview = await previewHolidayImport({ actor: w.head, input: { calendarId: calendar.id, ics: file }, now });
    expect(preview.holidays).toEqual([
      { date: "2026-12-24", name: "Christmas holidays", already: false },
      { date: "2026-12-25", name: "Christmas holidays", already: true },
      { date: "2026-12-26", name: "Christmas holidays", already: false },
      { date: "2026-12-31", name: "New year's eve", already: true },
    ]);
    expect(await definitionOf(calendar.id)).toEqual(before);
    await expectAppError(previewHolidayImport({ actor: w.employee, input: { calendarId: calendar.id, ics: file } }), "NOT_FOUND");

    const result = await importHolidaysFromIcs({ actor: w.head, input: { calendarId: calendar.id, ics: file }, now });
    expect(result).toEqual({ added: ["2026-12-24", "2026-12-26"], skipped: ["2026-12-25", "2026-12-31"] });
    const stored = (await db().slaCalendar.findUniqueOrThrow({ where: { id: calendar.id } })).definition as { holidayNames: Record<string, string> };
    // A name typed by hand stays; a date that had none takes the file's.
    expect(stored.holidayNames).toEqual({ "2026-12-24": "Christmas holidays", "2026-12-25": "Christmas Day", "2026-12-26": "Christmas holidays", "2026-12-31": "New year's eve" });

    const row = await db().slaCalendar.findUniqueOrThrow({ where: { id: calendar.id } });
    await updateCalendar({ actor: w.head, input: { ...calendarInput({ name: row.name }), calendarId: calendar.id, holidays: "2026-12-24 Christmas Eve\n2026-12-25 Christmas Day\n2026-12-26\n2026-12-31 New year's eve", expectedVersion: row.updatedAt.toISOString() } });
    const renamed = (await db().slaCalendar.findUniqueOrThrow({ where: { id: calendar.id } })).definition as { holidays: string[]; holidayNames: Record<string, string> };
    expect(renamed.holidays).toEqual(["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31"]);
    expect(renamed.holidayNames).toEqual({ "2026-12-24": "Christmas Eve", "2026-12-25": "Christmas Day", "2026-12-31": "New year's eve" });
  });

  it("rejects a file that is not iCalendar, has no events or is cut short, and changes nothing", async () => {
    const calendar = await createCalendar({ actor: w.head, input: calendarInput() });
    const before = await definitionOf(calendar.id);
    const bad = [
      "this is not a calendar at all",
      ics(),
      ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261231"),
      ics(event("DTSTART;VALUE=DATE:2026-12-31")),
      ics(event("SUMMARY:no start")),
      ics(event("DTSTART;TZID=Mars/Olympus:20261231T100000")),
      "",
    ];
    for (const file of bad) {
      const error = await expectAppError(importHolidaysFromIcs({ actor: w.head, input: { calendarId: calendar.id, ics: file } }), "INVALID_INPUT");
      expect(error.fieldErrors?.ics?.[0]).toBeTruthy();
    }
    expect(await definitionOf(calendar.id)).toEqual(before);
  });
});

describe("clocks follow settings changes", () => {
  it("moves an open request's running clock and leaves a resolved request's clocks as they were", async () => {
    const { calendar, policy } = await seedSettings();
    const file = () => fileRequest({ actor: w.requester, input: { typeId: w.type.id, title: "Broken chair", description: "It wobbles", submissionKey: `k-${uid()}` } });
    const open = await file();
    const done = await file();
    await addComment({ actor: w.agent, input: { requestId: done.id, body: "Fixed it" } });
    await updateRequest({ actor: w.agent, input: { requestId: done.id, expectedVersion: (await db().request.findUniqueOrThrow({ where: { id: done.id } })).version, status: "RESOLVED" } });
    const finished = await clocksOf(done.id);
    expect(finished.map((c) => [c.metric, c.state])).toEqual([
      ["FIRST_RESPONSE", "MET"],
      ["RESOLUTION", "MET"],
    ]);
    const resolutionOf = async (id: string) => (await clocksOf(id)).find((c) => c.metric === "RESOLUTION")!;
    const dueBefore = (await resolutionOf(open.id)).dueAt!;

    // One hour a week instead of round the clock: 8 business hours are weeks away now.
    await updateCalendar({ actor: w.head, input: { calendarId: calendar.id, name: calendar.name, timeZone: "UTC", hours: { mon: "09:00-10:00" }, holidays: [] } });
    const moved = await resolutionOf(open.id);
    expect(moved.state).toBe("RUNNING");
    expect(moved.dueAt!.getTime() - dueBefore.getTime()).toBeGreaterThan(7 * 24 * 3_600_000);
    expect(await clocksOf(done.id)).toEqual(finished);

    await updatePolicy({ actor: w.head, input: { policyId: policy.id, name: policy.name, calendarId: calendar.id, firstResponseMinutes: 60, resolutionMinutes: 120 } });
    expect((await resolutionOf(open.id)).targetMinutes).toBe(120);
    expect(await clocksOf(done.id)).toEqual(finished);

    await setPolicyActive({ actor: w.head, input: { policyId: policy.id, active: false } });
    expect(await clocksOf(open.id)).toEqual([]);
    expect(await clocksOf(done.id)).toEqual(finished);
  });
});
