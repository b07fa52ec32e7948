import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { closeComplaintSchema, outcomeLabel } from "@/lib/validation/complaints";
import { parseInput } from "@/lib/validation/parse";
import { staleComplaint } from "./assign-complaint";
import { loadComplaintForChange } from "./complaint-access";

/**
 * Closes a follow-up with its outcome and what the person is told; they are notified and may then
 * say whether they feel heard. Closing counts as contact if nobody recorded one before.
 */
export async function closeComplaint(options: { actor: Actor; input: unknown; now?: Date }) {
  const input = parseInput(closeComplaintSchema, options.input);
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const complaint = await loadComplaintForChange(tx, options.actor, input.complaintId);
    if (complaint.version !== input.version) throw staleComplaint();
    if (complaint.closedAt) throw new AppError("CONFLICT", "This complaint is already closed.");
    await tx.complaint.update({
      where: { id: complaint.id },
      data: { outcome: input.outcome, outcomeMessage: input.message, closedAt: now, contactedAt: complaint.contactedAt ?? now, version: { increment: 1 } },
    });
    await notify(tx, {
      personIds: [complaint.complainantId],
      kind: "complaint_outcome",
      requestId: complaint.requestId,
      title: `Your complaint: ${outcomeLabel[input.outcome].toLowerCase()}`,
      body: input.message,
      link: `/my-complaints`,
    });
    return { complaintId: complaint.id };
  });
}
