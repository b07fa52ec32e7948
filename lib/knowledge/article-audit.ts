import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditRow } from "@/lib/org/audit";

export const articleSubject = (id: string) => `article:${id}`;

/** Every change of knowledge is in the audit log: drafts, edits, publishing, flags, editors, known issues. */
export const articleAudit = (actor: Actor, action: `knowledge.${string}`, subject: string, detail?: Prisma.InputJsonValue) => auditRow(actor, action, subject, detail);

/** An address for an article from its title: lower-case words joined by "-". */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "article";
}
