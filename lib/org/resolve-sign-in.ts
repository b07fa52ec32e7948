import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/create-client";

export type SignInPolicy = { unknownEmail: "refuse" | "create"; defaultDepartmentKey?: string };
export type SignInResult =
  | { ok: true; personId: string; authVersion: number }
  | { ok: false; reason: "unknown" | "deactivated" | "invalid" };

const emailSchema = z.email().transform((e) => e.trim().toLowerCase());

/**
 * Matches a person signing in (SSO or email link) to the directory by email. An unknown email is
 * refused or created as an employee of the default department, as configured; a deactivated
 * person is always refused. With `dryRun` nothing is created (asked before mailing a link).
 */
export async function resolveSignIn(
  db: Db,
  options: { email: string | null | undefined; name?: string | null; policy: SignInPolicy; dryRun?: boolean },
): Promise<SignInResult> {
  const parsed = emailSchema.safeParse(options.email ?? "");
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const email = parsed.data;
  const person = await db.person.findUnique({ where: { email }, select: { id: true, active: true, authVersion: true } });
  if (person) return person.active ? { ok: true, personId: person.id, authVersion: person.authVersion } : { ok: false, reason: "deactivated" };
  if (options.policy.unknownEmail !== "create" || !options.policy.defaultDepartmentKey) return { ok: false, reason: "unknown" };
  const department = await db.department.findUnique({ where: { key: options.policy.defaultDepartmentKey } });
  if (!department) return { ok: false, reason: "unknown" };
  if (options.dryRun) return { ok: true, personId: "", authVersion: 0 };
  const name = options.name?.trim() || email.split("@")[0]!.replace(/[._-]+/g, " ");
  const created = await db.person.upsert({
    where: { email },
    update: {},
    create: { email, name, departmentId: department.id, emailVerified: new Date() },
  });
  await db.auditEvent.create({
    data: { actorId: created.id, action: "person.created_at_sign_in", subject: `person:${created.id}`, detail: { email, departmentKey: department.key } },
  });
  return { ok: true, personId: created.id, authVersion: created.authVersion };
}
