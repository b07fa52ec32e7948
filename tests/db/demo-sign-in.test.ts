import { afterEach, describe, expect, it, vi } from "vitest";

// A production PostgreSQL that someone started with the embedded flags set, and into which the
// demo's marker row was copied: the picker must still stay off, because the server is not PGlite.
const embeddedDatabase = vi.hoisted(() => {
  const embedded = process.env.DESK_EMBEDDED === "true";
  process.env.DESK_EMBEDDED = "true";
  process.env.DESK_DEMO = "true";
  return embedded;
});

const { db } = await import("@/lib/db/client");
const { demoPeople, demoSignInEnabled } = await import("@/lib/auth/demo");

afterEach(async () => {
  await db().setting.deleteMany({ where: { key: "demoOrganisation" } });
});

describe("the demo sign-in picker", () => {
  it("is off without the demo organisation's marker, whatever the flags say", async () => {
    await db().setting.deleteMany({ where: { key: "demoOrganisation" } });
    expect(await demoSignInEnabled()).toBe(false);
    expect(await demoPeople()).toEqual([]);
  });

  it("is on with the marker only when the database server itself is the embedded PGlite", async () => {
    await db().setting.create({ data: { key: "demoOrganisation", value: { seededAt: new Date().toISOString() } } });
    const [{ version }] = (await db().$queryRaw<[{ version: string }]>`SELECT version() AS version`);
    expect(version.includes("PGlite")).toBe(embeddedDatabase);
    expect(await demoSignInEnabled()).toBe(embeddedDatabase);
  });
});
