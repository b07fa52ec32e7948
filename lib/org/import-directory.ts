import "server-only";
import { CsvError, parse } from "csv-parse/sync";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { emailSchema, grantKey, importColumns, importLimits, normalizeGrants, optionalImportColumns, parseRoleToken, type Grant } from "@/lib/validation/org";
import { auditRow, fieldError, lockAdminSet, requireOrgManager } from "./audit";

export type ImportRowError = { line: number; email?: string; messages: string[] };
export type ImportResult =
  | { ok: false; errors: ImportRowError[] }
  | { ok: true; dryRun: boolean; created: number; updated: number; unchanged: number };

/** managerEmail: undefined when the file has no manager column (managers stay), null for an empty cell (no manager). */
type Row = { line: number; email: string; name: string; title: string; departmentId: string; grants: Grant[]; managerEmail?: string | null };
type Column = (typeof importColumns)[number] | (typeof optionalImportColumns)[number];

class HeaderError extends Error {}

/** A file-level problem: nothing in the file was looked at row by row. */
const fileError = (message: string) => fieldError("csv", message);

/**
 * Upserts people from a CSV export of the corporate directory (email,name,title,department,roles,
 * and optionally manager: the manager's email, someone in the file or already in the directory).
 * Every row is checked before anything is written; one bad row means nothing changes and every
 * problem is reported with its line. Otherwise all rows are applied in one transaction. Roles in the
 * file replace the person's roles; people not in the file are left alone.
 */
export async function importDirectory(options: { actor: Actor; csv: string; dryRun?: boolean }): Promise<ImportResult> {
  const { actor } = options;
  requireOrgManager(actor);
  const records = parseCsv(options.csv);

  const departments = await db().department.findMany({ select: { id: true, key: true } });
  const departmentIdByKey = new Map(departments.map((d) => [d.key, d.id]));
  const { rows, errors } = checkRows(records, departmentIdByKey);
  errors.push(...(await checkManagers(rows)));
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };

  return db().$transaction(
    async (tx) => {
      await lockAdminSet(tx);
      const existing = await tx.person.findMany({
        where: { email: { in: rows.map((r) => r.email), mode: "insensitive" } },
        include: { roles: { select: { role: true, departmentId: true } }, manager: { select: { email: true } } },
      });
      const byEmail = new Map(existing.map((p) => [p.email.toLowerCase(), p]));

      const creates: Row[] = [];
      const updates: { row: Row; id: string; fields: Partial<Record<"name" | "title" | "departmentId" | "manager", string | null>>; rolesChanged: boolean; before: string[] }[] = [];
      const adminLosers: Row[] = [];
      let adminsInFile = 0;
      for (const row of rows) {
        const person = byEmail.get(row.email);
        const isAdmin = row.grants.some((g) => g.role === "ADMIN");
        if (!person) {
          creates.push(row);
          if (isAdmin) adminsInFile++;
          continue;
        }
        if (isAdmin && person.active) adminsInFile++;
        const before = normalizeGrants(person.roles.map((r) => ({ role: r.role, departmentId: r.departmentId })));
        const rolesChanged = before.map(grantKey).join() !== row.grants.map(grantKey).join();
        if (person.active && before.some((g) => g.role === "ADMIN") && !isAdmin) adminLosers.push(row);
        const fields: Partial<Record<"name" | "title" | "departmentId" | "manager", string | null>> = {};
        for (const k of ["name", "title", "departmentId"] as const) if (person[k] !== row[k]) fields[k] = row[k];
        if (row.managerEmail !== undefined && (person.manager?.email.toLowerCase() ?? null) !== row.managerEmail) fields.manager = row.managerEmail;
        if (rolesChanged || Object.keys(fields).length) updates.push({ row, id: person.id, fields, rolesChanged, before: before.map(grantKey) });
      }

      if (adminLosers.length) {
        const adminsOutsideFile = await tx.person.count({
          where: { active: true, roles: { some: { role: "ADMIN" } }, id: { notIn: existing.map((p) => p.id) } },
        });
        if (adminsOutsideFile + adminsInFile === 0) {
          const message = "This file would leave no active administrator: keep admin on at least one active person.";
          return { ok: false, errors: adminLosers.map((r) => ({ line: r.line, email: r.email, messages: [message] })) };
        }
      }

      const unchanged = rows.length - creates.length - updates.length;
      if (options.dryRun) return { ok: true, dryRun: true, created: creates.length, updated: updates.length, unchanged };

      const audit: Prisma.AuditEventCreateManyInput[] = [];
      const grants: Prisma.RoleGrantCreateManyInput[] = [];
      if (creates.length) {
        const created = await tx.person.createManyAndReturn({
          data: creates.map((r) => ({ email: r.email, name: r.name, title: r.title, departmentId: r.departmentId })),
          select: { id: true, email: true },
        });
        const idByEmail = new Map(created.map((p) => [p.email, p.id]));
        for (const row of creates) {
          const id = idByEmail.get(row.email)!;
          grants.push(...row.grants.map((g) => ({ personId: id, role: g.role, departmentId: g.departmentId })));
          audit.push(auditRow(actor, "person.created", `person:${id}`, { source: "import", line: row.line, email: row.email, roles: row.grants.map(grantKey) }));
        }
      }
      if (updates.length) {
        // One statement for all updates: row-by-row takes seconds per thousand people on the embedded database.
        const rowsOf = updates.map((u) => u.row);
        await tx.$executeRaw`
          UPDATE "Person" AS p
          SET "name" = v.name, "title" = v.title, "departmentId" = v.department_id,
              "authVersion" = p."authVersion" + v.bump, "updatedAt" = now()
          FROM unnest(${updates.map((u) => u.id)}::text[], ${rowsOf.map((r) => r.name)}::text[], ${rowsOf.map((r) => r.title)}::text[],
                      ${rowsOf.map((r) => r.departmentId)}::text[], ${updates.map((u) => (u.rolesChanged ? 1 : 0))}::int[])
            AS v(id, name, title, department_id, bump)
          WHERE p.id = v.id`;
      }
      for (const u of updates) {
        if (u.rolesChanged) grants.push(...u.row.grants.map((g) => ({ personId: u.id, role: g.role, departmentId: g.departmentId })));
        audit.push(
          auditRow(actor, "person.updated", `person:${u.id}`, {
            source: "import",
            line: u.row.line,
            to: u.fields,
            ...(u.rolesChanged ? { rolesFrom: u.before, rolesTo: u.row.grants.map(grantKey) } : {}),
          }),
        );
      }
      // Managers last: a manager may be created by this same file.
      const managed = rows.filter((r) => r.managerEmail !== undefined);
      if (managed.length) {
        await tx.$executeRaw`
          UPDATE "Person" AS p SET "managerId" = m.id, "updatedAt" = now()
          FROM unnest(${managed.map((r) => r.email)}::text[], ${managed.map((r) => r.managerEmail ?? null)}::text[]) AS v(email, manager)
          LEFT JOIN "Person" m ON lower(m.email) = lower(v.manager)
          WHERE lower(p.email) = lower(v.email) AND p."managerId" IS DISTINCT FROM m.id`;
      }
      const roleChanged = updates.filter((u) => u.rolesChanged).map((u) => u.id);
      if (roleChanged.length) await tx.roleGrant.deleteMany({ where: { personId: { in: roleChanged } } });
      if (grants.length) await tx.roleGrant.createMany({ data: grants });
      audit.push(auditRow(actor, "directory.imported", "directory", { rows: rows.length, created: creates.length, updated: updates.length, unchanged }));
      await tx.auditEvent.createMany({ data: audit });
      return { ok: true, dryRun: false, created: creates.length, updated: updates.length, unchanged };
    },
    // Up to 5,000 rows in one transaction: allow more than the default interactive timeout.
    { maxWait: 60_000, timeout: 120_000 },
  );
}

type RawRecord = { line: number; values: Record<Column, string> };

function parseCsv(csv: unknown): RawRecord[] {
  if (typeof csv !== "string") throw fileError("Choose a CSV file or paste its contents.");
  const bytes = Buffer.byteLength(csv, "utf8");
  if (bytes > importLimits.maxBytes) {
    throw fileError(`The file is ${(bytes / 1_000_000).toFixed(1)} MB; the limit is 1 MB (${importLimits.maxRows.toLocaleString("en")} people). Split it and import the parts one after another.`);
  }
  if (csv.trim() === "") throw fileError(`The file is empty. It needs the header line ${importColumns.join(",")} and one line per person.`);

  let parsed: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    parsed = parse<(typeof parsed)[number]>(csv, {
      columns: checkHeader,
      trim: true,
      skip_empty_lines: true,
      bom: true,
      info: true,
      raw: true,
    });
  } catch (error) {
    if (error instanceof HeaderError) throw fileError(error.message);
    if (error instanceof CsvError) throw fileError(describeCsvError(error));
    throw error;
  }
  if (parsed.length === 0) throw fileError("The file has a header line but no people.");
  if (parsed.length > importLimits.maxRows) {
    throw fileError(`The file has ${parsed.length.toLocaleString("en")} people; the limit is ${importLimits.maxRows.toLocaleString("en")} per import. Split it into smaller files.`);
  }
  return parsed.map(({ record, raw, info }) => ({ line: startLine(info.lines, raw), values: record }));
}

function checkHeader(header: string[]): string[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const expected = `The first line must be the header ${importColumns.join(",")}.`;
  const missing = importColumns.filter((c) => !names.includes(c));
  if (missing.length) throw new HeaderError(`The header is missing the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}. ${expected}`);
  const unknown = names.filter((n) => !([...importColumns, ...optionalImportColumns] as readonly string[]).includes(n));
  if (unknown.length) throw new HeaderError(`Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}. ${expected}`);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) throw new HeaderError(`The column ${repeated[0]} appears twice. ${expected}`);
  return names;
}

function describeCsvError(error: CsvError): string {
  const line = (error as CsvError & { lines?: number }).lines;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `The file is not valid CSV: a quoted value is never closed (the file ends on line ${line} inside quotes).`;
    case "CSV_RECORD_INCONSISTENT_COLUMNS":
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH": {
      const got = (error as CsvError & { record?: unknown[] }).record?.length;
      return `The file is not valid CSV: line ${line} has ${got ?? "a different number of"} values, the header has ${importColumns.length}. Put values that contain commas in double quotes.`;
    }
    case "CSV_INVALID_CLOSING_QUOTE":
      return `The file is not valid CSV: line ${line} has a quote in the middle of a value. Double it ("") or quote the whole value.`;
    default:
      return `The file is not valid CSV (line ${line}): ${error.message}`;
  }
}

/** csv-parse reports the line a record ends on; a quoted value may span lines, so count back. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+/, "").replace(/[\r\n]+$/, "");
  return endLine - (body.match(/\r\n|\r|\n/g)?.length ?? 0);
}

const roleHelp = "use agent:KEY, head:KEY, hr or admin, separated by ;";

function checkRows(records: RawRecord[], departmentIdByKey: Map<string, string>): { rows: Row[]; errors: ImportRowError[] } {
  const rows: Row[] = [];
  const errors: ImportRowError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, values } of records) {
    const messages: string[] = [];
    const parsedEmail = emailSchema.safeParse(values.email ?? "");
    const email = parsedEmail.success ? parsedEmail.data : undefined;
    if (!values.email) messages.push("Email is missing.");
    else if (!email) messages.push(`"${values.email}" is not a valid email address.`);
    if (email) {
      const first = firstLineOf.get(email);
      if (first !== undefined) messages.push(`Duplicate email: ${email} is also on line ${first}.`);
      else firstLineOf.set(email, line);
    }

    const name = values.name ?? "";
    if (!name) messages.push("Name is missing.");
    else if (name.length > 120) messages.push("Name is longer than 120 characters.");
    const title = values.title ?? "";
    if (title.length > 120) messages.push("Title is longer than 120 characters.");

    const key = (values.department ?? "").toUpperCase();
    const departmentId = departmentIdByKey.get(key);
    if (!key) messages.push("Department is missing: give the key of the person's department, e.g. FAC.");
    else if (!departmentId) messages.push(`Unknown department key "${values.department}".`);

    const grants: Grant[] = [];
    for (const token of (values.roles ?? "").split(";").map((t) => t.trim()).filter(Boolean)) {
      const parsed = parseRoleToken(token, { departmentIdByKey: (k) => departmentIdByKey.get(k), exampleKey: key, help: roleHelp });
      if ("grant" in parsed) grants.push(parsed.grant);
      else messages.push(parsed.message);
    }

    let managerEmail: string | null | undefined;
    if (values.manager !== undefined) {
      const parsedManager = emailSchema.safeParse(values.manager);
      if (values.manager === "") managerEmail = null;
      else if (!parsedManager.success) messages.push(`Manager "${values.manager}" is not a valid email address.`);
      else if (parsedManager.data === email) messages.push("A person cannot be their own manager.");
      else managerEmail = parsedManager.data;
    }

    if (messages.length) errors.push({ line, ...(values.email ? { email: values.email } : {}), messages });
    else rows.push({ line, email: email!, name, title, departmentId: departmentId!, grants: normalizeGrants(grants), ...(managerEmail !== undefined ? { managerEmail } : {}) });
  }
  return { rows, errors };
}

/**
 * A manager named in the file must be in the file or in the directory, and the file must not make
 * anyone their own manager through others (a loop among its rows).
 */
async function checkManagers(rows: Row[]): Promise<ImportRowError[]> {
  const managerOf = new Map(rows.flatMap((r) => (r.managerEmail !== undefined ? [[r.email, r.managerEmail] as const] : [])));
  if (!managerOf.size) return [];
  const inFile = new Set(rows.map((r) => r.email));
  const outside = [...new Set([...managerOf.values()].filter((m): m is string => m !== null && !inFile.has(m)))];
  const known = outside.length ? await db().person.findMany({ where: { email: { in: outside, mode: "insensitive" } }, select: { email: true } }) : [];
  const knownEmails = new Set(known.map((p) => p.email.toLowerCase()));
  const errors: ImportRowError[] = [];
  for (const row of rows) {
    const manager = row.managerEmail;
    if (!manager) continue;
    if (!inFile.has(manager) && !knownEmails.has(manager)) {
      errors.push({ line: row.line, email: row.email, messages: [`Unknown manager "${manager}": add them to the file or to the directory first.`] });
      continue;
    }
    const seen = new Set([row.email]);
    for (let next = managerOf.get(manager) !== undefined ? manager : null; next; next = managerOf.get(next) ?? null) {
      if (seen.has(next)) {
        errors.push({ line: row.line, email: row.email, messages: ["The managers in this file go round in a circle: someone would end up managing themself."] });
        break;
      }
      seen.add(next);
    }
  }
  return errors;
}

