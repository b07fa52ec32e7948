import "server-only";
import { prepareUploads, type UploadedFile } from "@/lib/attachments/prepare-uploads";
import { recordAttachments, withStoredFiles } from "@/lib/attachments/record-attachments";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { notifyRequestFiled } from "@/lib/notifications/request-notices";
import { fieldValuesSchema, parseFieldDefinitions } from "@/lib/validation/fields";
import { parseInput } from "@/lib/validation/parse";
import { fileRequestSchema, type FileRequestInput } from "@/lib/validation/requests";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { assignOnFiling } from "./assign-by-rule";
import { eventRow } from "./events";
import { formatReference } from "./reference";

export type FiledRequest = { id: string; reference: string; created: boolean };

/**
 * Files a request from a catalogue form. The number comes from the providing department's counter
 * in the same transaction (row lock), and a form submitted twice (same submission key) returns the
 * request the first submission filed. Attached files are checked before anything is saved and
 * recorded in the same transaction; if it fails, the stored files are removed again.
 */
export async function fileRequest(options: { actor: Actor; input: FileRequestInput; files?: readonly UploadedFile[] }): Promise<FiledRequest> {
  const { actor } = options;
  const input = parseInput(fileRequestSchema, options.input);

  const existing = await findBySubmission(actor.id, input.submissionKey);
  if (existing) return { ...existing, created: false };

  const type = await db().requestType.findFirst({
    where: { id: input.typeId, active: true },
    include: { department: { select: { key: true } } },
  });
  if (!type) throw new AppError("NOT_FOUND", "This request type does not exist or is no longer offered.");

  const fields = parseFieldDefinitions(type.fields);
  const values = parseInput(fieldValuesSchema(fields), input.fieldValues);
  const fieldValues = Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Prisma.InputJsonObject;
  const files = await prepareUploads(options.files ?? []);

  try {
    return await withStoredFiles(files, (stored) => db().$transaction(async (tx) => {
      // One instant for the request, its first event and its clocks.
      const now = new Date();
      const { requestSeq: number } = await tx.department.update({
        where: { id: type.departmentId },
        data: { requestSeq: { increment: 1 } },
        select: { requestSeq: true },
      });
      const request = await tx.request.create({
        data: {
          departmentId: type.departmentId,
          number,
          typeId: type.id,
          title: input.title,
          description: input.description,
          fieldValues,
          priority: type.defaultPriority,
          requesterId: actor.id,
          requesterDepartmentId: actor.departmentId,
          teamId: type.defaultTeamId,
          submissionKey: input.submissionKey,
          createdAt: now,
        },
        select: { id: true },
      });
      await tx.requestEvent.create({
        data: {
          ...eventRow(request.id, actor.id, "created", {
            to: { status: "NEW", priority: type.defaultPriority, typeId: type.id, teamId: type.defaultTeamId },
          }),
          createdAt: now,
        },
      });
      if (stored.length) {
        const events = await recordAttachments(tx, { requestId: request.id, commentId: null, uploadedById: actor.id, visibility: "PUBLIC", files: stored, at: now });
        await tx.requestEvent.createMany({ data: events });
      }
      await refreshClocks(tx, request.id, now);
      await notifyRequestFiled(tx, { actor, requestId: request.id });
      await assignOnFiling(tx, { requestId: request.id, at: now });
      return { id: request.id, reference: formatReference(type.department.key, number), created: true };
    }));
  } catch (error) {
    // Two submissions of one form raced: the other one filed it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await findBySubmission(actor.id, input.submissionKey);
      if (raced) return { ...raced, created: false };
    }
    throw error;
  }
}

async function findBySubmission(requesterId: string, submissionKey: string) {
  const r = await db().request.findUnique({
    where: { requesterId_submissionKey: { requesterId, submissionKey } },
    select: { id: true, number: true, department: { select: { key: true } } },
  });
  return r ? { id: r.id, reference: formatReference(r.department.key, r.number) } : null;
}
