import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrationNames } from "@/lib/db/migrate";
import { poolConfigFromUrl } from "@/lib/db/pool-config";
import { notify } from "@/lib/notifications/notify";
import { recordBrowserTimeZone } from "@/lib/org/record-browser-time-zone";
import { setMyTimeZone } from "@/lib/org/set-my-time-zone";
import { formatTime } from "@/lib/time/format-time";
import { actorOf, seedDepartment, seedPerson } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

const departmentIds: string[] = [];
async function department(timeZone: string) {
  const d = await seedDepartment({ timeZone });
  departmentIds.push(d.id);
  return d;
}
const zoneOf = async (id: string) => db().person.findUniqueOrThrow({ where: { id }, select: { timeZone: true, timeZoneSource: true } });

afterEach(async () => {
  const ids = departmentIds.splice(0);
  await db().emailDelivery.deleteMany({ where: { personId: { in: (await db().person.findMany({ where: { departmentId: { in: ids } }, select: { id: true } })).map((p) => p.id) } } });
  await db().notification.deleteMany({ where: { person: { departmentId: { in: ids } } } });
  await db().person.deleteMany({ where: { departmentId: { in: ids } } });
  await db().department.deleteMany({ where: { id: { in: ids } } });
});

describe("a person's time zone", () => {
  it("is their department's by default, and follows the department's zone and a move to another department", async () => {
    const berlin = await department("Europe/Berlin");
    const lisbon = await department("Europe/Lisbon");
    const person = await seedPerson({ departmentId: berlin.id });
    expect(await zoneOf(person.id)).toEqual({ timeZone: "Europe/Berlin", timeZoneSource: "DEFAULT" });

    await db().department.update({ where: { id: berlin.id }, data: { timeZone: "Europe/Helsinki" } });
    expect((await zoneOf(person.id)).timeZone).toBe("Europe/Helsinki");

    await db().person.update({ where: { id: person.id }, data: { departmentId: lisbon.id } });
    expect((await zoneOf(person.id)).timeZone).toBe("Europe/Lisbon");
  });

  it("is taken from the browser once, and never over one the person chose", async () => {
    const d = await department("Europe/Berlin");
    const person = await seedPerson({ departmentId: d.id });
    const actor = await actorOf(person.id);

    expect(await recordBrowserTimeZone({ actor, input: { timeZone: "America/New_York" } })).toBe(true);
    expect(await zoneOf(person.id)).toEqual({ timeZone: "America/New_York", timeZoneSource: "BROWSER" });
    // A second browser (a laptop abroad) does not move it: the person changes it in preferences.
    expect(await recordBrowserTimeZone({ actor, input: { timeZone: "Asia/Tokyo" } })).toBe(false);
    expect((await zoneOf(person.id)).timeZone).toBe("America/New_York");

    // The department moving its zone leaves a browser's or a chosen zone alone.
    await db().department.update({ where: { id: d.id }, data: { timeZone: "Europe/Paris" } });
    expect((await zoneOf(person.id)).timeZone).toBe("America/New_York");

    expect(await setMyTimeZone({ actor, input: { timeZone: "europe/madrid" } })).toEqual({ timeZone: "Europe/Madrid", followsDepartment: false });
    expect(await recordBrowserTimeZone({ actor, input: { timeZone: "Europe/London" } })).toBe(false);
    expect(await zoneOf(person.id)).toEqual({ timeZone: "Europe/Madrid", timeZoneSource: "CHOSEN" });

    expect(await setMyTimeZone({ actor, input: { timeZone: "department" } })).toEqual({ timeZone: "Europe/Paris", followsDepartment: true });
    await db().department.update({ where: { id: d.id }, data: { timeZone: "Europe/Rome" } });
    expect(await zoneOf(person.id)).toEqual({ timeZone: "Europe/Rome", timeZoneSource: "DEPARTMENT" });
  });

  it("refuses what is not an IANA zone beside the field, changing nothing, and refuses a deactivated person", async () => {
    const d = await department("Europe/Berlin");
    const person = await seedPerson({ departmentId: d.id });
    const actor = await actorOf(person.id);
    for (const bad of ["+01:00", "Mars/Olympus", "", "Europe/Berlin\u0000", 42]) {
      const error = await expectAppError(setMyTimeZone({ actor, input: { timeZone: bad as string } }), "INVALID_INPUT");
      expect(error.fieldErrors?.timeZone?.length).toBeGreaterThan(0);
      await expectAppError(recordBrowserTimeZone({ actor, input: { timeZone: bad as string } }), "INVALID_INPUT");
    }
    expect(await zoneOf(person.id)).toEqual({ timeZone: "Europe/Berlin", timeZoneSource: "DEFAULT" });

    await db().person.update({ where: { id: person.id }, data: { active: false } });
    await expectAppError(setMyTimeZone({ actor, input: { timeZone: "Asia/Tokyo" } }), "FORBIDDEN");
    expect(await recordBrowserTimeZone({ actor, input: { timeZone: "Asia/Tokyo" } })).toBe(false);
    expect(await zoneOf(person.id)).toEqual({ timeZone: "Europe/Berlin", timeZoneSource: "DEFAULT" });
  });
});

describe("notices and emails", () => {
  it("write times in each recipient's zone", async () => {
    const d = await department("Europe/Berlin");
    const [inBerlin, inNewYork] = [await seedPerson({ departmentId: d.id }), await seedPerson({ departmentId: d.id })];
    await setMyTimeZone({ actor: await actorOf(inNewYork.id), input: { timeZone: "America/New_York" } });
    const at = new Date("2026-12-03T15:00:00Z");
    await db().$transaction((tx) =>
      notify(tx, { personIds: [inBerlin.id, inNewYork.id], kind: "pulse_survey", title: "Pulse", body: ({ timeZone }) => `Open until ${formatTime(at, { timeZone })}.` }),
    );
    const mails = await db().emailDelivery.findMany({ where: { personId: { in: [inBerlin.id, inNewYork.id] } }, select: { personId: true, text: true } });
    const notices = await db().notification.findMany({ where: { personId: { in: [inBerlin.id, inNewYork.id] } }, select: { personId: true, body: true } });
    expect(mails.find((m) => m.personId === inBerlin.id)?.text).toBe("Open until 3 Dec 2026, 16:00 CET.");
    expect(mails.find((m) => m.personId === inNewYork.id)?.text).toBe("Open until 3 Dec 2026, 10:00 EST.");
    expect(notices.find((n) => n.personId === inNewYork.id)?.body).toBe("Open until 3 Dec 2026, 10:00 EST.");
  });
});

describe("the migration that added it", () => {
  it("backfills everyone already there with their department's zone", async () => {
    const embedded = await startEmbeddedDatabase({ dataDir: "memory://" });
    const client = new pg.Client(poolConfigFromUrl(embedded.url));
    await client.connect();
    try {
      const dir = path.resolve("prisma", "migrations");
      const names = migrationNames();
      const mine = names.findIndex((n) => n.endsWith("_person_time_zone"));
      for (const name of names.slice(0, mine)) await client.query(fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
      await client.query(`INSERT INTO "Department" ("id", "key", "name", "timeZone") VALUES ('d1', 'NY', 'New York office', 'America/New_York'), ('d2', 'TK', 'Tokyo office', 'Asia/Tokyo')`);
      await client.query(`INSERT INTO "Person" ("id", "email", "name", "departmentId", "updatedAt") VALUES ('p1', 'a@x.example', 'A', 'd1', now()), ('p2', 'b@x.example', 'B', 'd2', now())`);
      await client.query(fs.readFileSync(path.join(dir, names[mine]!, "migration.sql"), "utf8"));
      const rows = await client.query(`SELECT "id", "timeZone", "timeZoneSource"::text AS "source" FROM "Person" ORDER BY "id"`);
      expect(rows.rows).toEqual([
        { id: "p1", timeZone: "America/New_York", source: "DEFAULT" },
        { id: "p2", timeZone: "Asia/Tokyo", source: "DEFAULT" },
      ]);
    } finally {
      await client.end();
      await embedded.stop();
    }
  }, 120_000);
});
