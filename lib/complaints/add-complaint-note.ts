import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { complaintNoteSchema } from "@/lib/validation/complaints";
import { parseInput } from "@/lib/validation/parse";
import { loadComplaintForChange } from "./complaint-access";

/**
 * A note on the follow-up, seen only by those who handle the department's complaints. `contacted`
 * records that the person was contacted now: the first such note decides "followed up in time".
 */
export async function addComplaintNote(options: { actor: Actor; input: unknown; now?: Date }) {
  const input = parseInput(complaintNoteSchema, options.input);
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const complaint = await loadComplaintForChange(tx, options.actor, input.complaintId);
    if (complaint.closedAt) throw new AppError("CONFLICT", "This complaint is closed.");
    const note = await tx.complaintNote.create({ data: { complaintId: complaint.id, authorId: options.actor.id, body: input.body, createdAt: now }, select: { id: true } });
    await tx.complaint.update({
      where: { id: complaint.id },
      data: { version: { increment: 1 }, ...(input.contacted && !complaint.contactedAt ? { contactedAt: now } : {}) },
    });
    return { noteId: note.id };
  });
}
