import "server-only";
import { prepareUploads, type PreparedFile, type UploadedFile } from "@/lib/attachments/prepare-uploads";
import { recordAttachments, withStoredFiles } from "@/lib/attachments/record-attachments";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { notifyRequestFiled } from "@/lib/notifications/request-notices";
import { fieldsOfKind, fieldValuesSchema, parseFieldDefinitions, type FieldDefinition } from "@/lib/validation/fields";
import { parseInput } from "@/lib/validation/parse";
import { fileRequestSchema, type FileRequestInput } from "@/lib/validation/requests";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { assignOnFiling } from "./assign-by-rule";
import { eventRow } from "./events";
import { formatReference } from "./reference";
import { takeRequestNumber } from "./take-request-number";

export type FiledRequest = { id: string; reference: string; created: boolean };

/**
 * Files a request from a catalogue form. Everything that can refuse the input is checked first;
 * then the number is taken from the providing department's counter in a statement of its own
 * (takeRequestNumber), so concurrent filings into one department do not wait for each other's
 * transactions. A filing that fails after that leaves a gap in the department's numbering, never a
 * number used twice. A form submitted twice (same submission key) returns the request the first
 * submission filed, also when the two race: the unique key refuses the second, which then returns
 * the first (the second's number is such a gap). Attached files are checked before anything is
 * saved and recorded in the same transaction; if it fails, the stored files are removed again. A
 * file field's value is always the files uploaded for it (`fieldFiles`, by field key), never ids a
 * caller names; a person field must name an active person.
 */
export async function fileRequest(options: {
  actor: Actor;
  input: FileRequestInput;
  files?: readonly UploadedFile[];
  fieldFiles?: Readonly<Record<string, readonly UploadedFile[]>>;
}): Promise<FiledRequest> {
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
  const fileFields = fieldsOfKind(fields, "file");
  const fieldUploads = await prepareFieldUploads(fileFields, options.fieldFiles ?? {});
  // Until the files are recorded, a file field's value is the names of its files (required works).
  const given = { ...input.fieldValues, ...Object.fromEntries(fieldUploads.map(({ key, files }) => [key, files.map((f) => f.fileName)])) };
  const values = parseInput(fieldValuesSchema(fields), given);
  await assertActivePeople(fields, values);
  const fieldValues = Object.fromEntries(
    Object.entries(values).filter(([key, v]) => v !== undefined && !fileFields.some((f) => f.key === key)),
  ) as Prisma.InputJsonObject;
  const files = await prepareUploads(options.files ?? []);
  const allFiles = [...files, ...fieldUploads.flatMap((u) => u.files)];

  try {
    const number = await takeRequestNumber(type.departmentId);
    return await withStoredFiles(allFiles, (storedAll) => db().$transaction(async (tx) => {
      // One instant for the request, its first event and its clocks.
      const now = new Date();
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
      const stored = storedAll.slice(0, files.length);
      if (stored.length) {
        const { events } = await recordAttachments(tx, { requestId: request.id, commentId: null, uploadedById: actor.id, visibility: "PUBLIC", files: stored, at: now });
        await tx.requestEvent.createMany({ data: events });
      }
      // Each file field's files, in the order chosen; the field's value becomes their attachment ids.
      let offset = files.length;
      const fileValues: Record<string, string[]> = {};
      for (const upload of fieldUploads) {
        const mine = storedAll.slice(offset, offset + upload.files.length);
        offset += upload.files.length;
        if (!mine.length) continue;
        const { attachmentIds, events } = await recordAttachments(tx, { requestId: request.id, commentId: null, uploadedById: actor.id, visibility: "PUBLIC", files: mine, at: now });
        await tx.requestEvent.createMany({ data: events });
        fileValues[upload.key] = attachmentIds;
      }
      if (Object.keys(fileValues).length) {
        await tx.request.update({ where: { id: request.id }, data: { fieldValues: { ...fieldValues, ...fileValues } } });
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

/** Each file field's files, checked like any attachment; a refusal is reported beside its field. */
async function prepareFieldUploads(fileFields: FieldDefinition[], given: Readonly<Record<string, readonly UploadedFile[]>>) {
  const uploads: { key: string; files: PreparedFile[] }[] = [];
  for (const field of fileFields) {
    try {
      uploads.push({ key: field.key, files: await prepareUploads(given[field.key] ?? []) });
    } catch (error) {
      if (error instanceof AppError && error.fieldErrors?.attachments) {
        const messages = error.fieldErrors.attachments.map((m) => `${field.label}: ${m}`);
        throw new AppError("INVALID_INPUT", messages[0]!, { [field.key]: messages });
      }
      throw error;
    }
  }
  return uploads;
}

/** A person field names an active co-worker; an unknown or deactivated id is an error beside the field. */
async function assertActivePeople(fields: FieldDefinition[], values: Record<string, unknown>) {
  const chosen = fieldsOfKind(fields, "person").flatMap((f) => (typeof values[f.key] === "string" ? [{ field: f, id: values[f.key] as string }] : []));
  if (!chosen.length) return;
  const active = await db().person.findMany({ where: { id: { in: chosen.map((c) => c.id) }, active: true }, select: { id: true } });
  const known = new Set(active.map((p) => p.id));
  const errors = Object.fromEntries(chosen.filter((c) => !known.has(c.id)).map((c) => [c.field.key, [`Choose an active co-worker for ${c.field.label}`]]));
  const first = Object.values(errors)[0];
  if (first) throw new AppError("INVALID_INPUT", first[0]!, errors);
}

async function findBySubmission(requesterId: string, submissionKey: string) {
  const r = await db().request.findUnique({
    where: { requesterId_submissionKey: { requesterId, submissionKey } },
    select: { id: true, number: true, department: { select: { key: true } } },
  });
  return r ? { id: r.id, reference: formatReference(r.department.key, r.number) } : null;
}
