// The built desk on PostgreSQL, as production runs it: every other browser test starts it on the embedded
// PGlite, where the desk prepares no statement (lib/db/sql.ts), so a fault of PostgreSQL-only code paths
// would reach production unseen. Found that way once: the production build loads lib/db/sql.ts once per
// bundle (route handlers, server components) over the process's one pool, both instances named their first
// statement desk_1, and an API call on a connection a page had used answered 500. Here pages and API
// writes take turns on the same connections (the pool hands out the one last released), each must answer
// as it should, and the app's log must hold no error.
import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { seedDemoOrganisation } from "@/prisma/seed/demo";
import { startApp, type AppHandle } from "../support/app-server";
import { signedIn } from "../support/signed-in";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const server = process.env.TEST_DATABASE_URL;

describe.skipIf(!server)("the production build on PostgreSQL (TEST_DATABASE_URL)", () => {
  let database: TestDatabase | undefined;
  let db: pg.Pool | undefined;
  let app: AppHandle | undefined;
  let callers: ReturnType<typeof signedIn>;
  const who = { agent: "", head: "", hr: "", requester: "", department: "", typeId: "", typeSlug: "" };

  beforeAll(async () => {
    database = await createTestDatabase();
    const prisma = createPrismaClient({ url: database.url, embedded: false });
    try {
      await seedDemoOrganisation(prisma);
    } finally {
      await prisma.$disconnect();
    }
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    const one = async (text: string, values: unknown[] = []) => {
      const { rows } = await db!.query(text, values);
      if (!rows[0]) throw new Error(`the demo organisation has no row for ${text}`);
      return rows[0] as Record<string, string>;
    };
    // The busiest department, one of its agents who is not its head, its head, HR, and its most frequent requester with no role.
    const busy = await one(`SELECT d.id, d.key FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" GROUP BY d.id, d.key ORDER BY count(*) DESC, d.key LIMIT 1`);
    who.department = busy.key!;
    who.agent = (await one(`SELECT "personId" FROM "RoleGrant" g WHERE role = 'AGENT' AND "departmentId" = $1
      AND NOT EXISTS (SELECT 1 FROM "RoleGrant" h WHERE h."personId" = g."personId" AND h.role = 'HEAD') ORDER BY "personId" LIMIT 1`, [busy.id])).personId!;
    who.head = (await one(`SELECT "personId" FROM "RoleGrant" WHERE role = 'HEAD' AND "departmentId" = $1 ORDER BY "personId" LIMIT 1`, [busy.id])).personId!;
    who.hr = (await one(`SELECT "personId" FROM "RoleGrant" WHERE role = 'HR' ORDER BY "personId" LIMIT 1`)).personId!;
    who.requester = (await one(`SELECT "requesterId" FROM "Request" r WHERE "departmentId" = $1
      AND NOT EXISTS (SELECT 1 FROM "RoleGrant" g WHERE g."personId" = r."requesterId") GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, [busy.id])).requesterId!;
    // A type the API can file with no field values: none of its fields is required.
    const type = await one(`SELECT id, slug FROM "RequestType" WHERE "departmentId" = $1 AND active
      AND NOT jsonb_path_exists(fields, '$[*] ? (@.required == true)') ORDER BY "sortOrder", id LIMIT 1`, [busy.id]);
    who.typeId = type.id!;
    who.typeSlug = type.slug!;

    const secret = crypto.randomBytes(32).toString("base64");
    callers = signedIn(db, { secret, tokenName: "e2e postgres" });
    app = await startApp({ name: "e2e-postgres", env: { DATABASE_URL: database.url, NEXTAUTH_SECRET: secret, DESK_API_RATE_LIMIT: "100000" } });
  });

  afterAll(async () => {
    await app?.stop();
    await db?.end();
    await database?.stop();
  });

  it("serves pages and the API's writes in turn on the same connections, with no error in its log", async () => {
    const base = app!.baseUrl;
    const cookie = {
      agent: await callers.sessionCookie(who.agent),
      head: await callers.sessionCookie(who.head),
      hr: await callers.sessionCookie(who.hr),
      requester: await callers.sessionCookie(who.requester),
    };
    const employee = await callers.apiToken(who.requester);
    const agent = await callers.apiToken(who.agent);
    const page = async (path: string, as: string, expected: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie: as }, redirect: "manual" });
      const html = await res.text();
      expect(res.status, `GET ${path}`).toBe(200);
      expect(html, `GET ${path}`).toContain(expected);
    };
    const api = async (method: string, path: string, token: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
      const text = await res.text();
      expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
      return JSON.parse(text) as { request?: { reference?: string } };
    };

    const filed: string[] = [];
    for (let round = 0; round < 3; round++) {
      await page(`/queue/${who.department}`, cookie.agent, "Requests in this queue");
      await page("/requests", cookie.requester, "My requests");
      await page("/catalog", cookie.requester, "</form>");
      await page(`/catalog/${who.department}/${who.typeSlug}`, cookie.requester, "</form>");
      await page(`/insights/${who.department}`, cookie.head, "</main>");
      await page(`/insights/${who.department}/sla`, cookie.head, "</main>");
      await page("/insights/organisation", cookie.hr, "Internal customers");
      await page("/search?q=printer", cookie.agent, "</main>");
      await page("/approvals", cookie.requester, "</main>");

      const created = await api("POST", "/api/v1/requests", employee, { typeId: who.typeId, title: `On PostgreSQL, round ${round}`, description: "Filed by the production-build test.", fieldValues: {} });
      const reference = created.request?.reference;
      expect(reference, JSON.stringify(created)).toMatch(/^[A-Z0-9]+-\d+$/);
      filed.push(reference!);
      await page(`/requests/${reference}`, cookie.agent, `On PostgreSQL, round ${round}`);
      await api("POST", `/api/v1/requests/${reference}/comments`, agent, { body: `Looking into it, round ${round}.`, visibility: "PUBLIC" });
      await page(`/requests/${reference}`, cookie.requester, `Looking into it, round ${round}.`);
      await api("PUT", `/api/v1/requests/${reference}/status`, agent, { status: "WAITING_ON_REQUESTER" });
      await page(`/requests/${reference}`, cookie.agent, "Waiting on requester");
    }

    const { rows } = await db!.query<{ title: string; comments: number; status: string }>(
      `SELECT r.title, r.status, (SELECT count(*)::int FROM "Comment" c WHERE c."requestId" = r.id) AS comments
         FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" WHERE d.key || '-' || r.number = ANY($1) ORDER BY r.title`,
      [filed],
    );
    expect(rows).toEqual([0, 1, 2].map((round) => ({ title: `On PostgreSQL, round ${round}`, comments: 1, status: "WAITING_ON_REQUESTER" })));
    const log = fs.readFileSync(app!.logFile, "utf8");
    expect(log).not.toMatch(/prepared statement|\berror\b/i);
  });
});
