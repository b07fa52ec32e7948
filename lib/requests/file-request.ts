import "server-only";
import { prepareUploads, type PreparedFile, type UploadedFile } from "@/lib/attachments/prepare-uploads";
import { recordAttachments, withStoredFiles } from "@/lib/attachments/record-attachments";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { noticeRows } from "@/lib/notifications/notify";
import { newRequestAudience, newRequestNotice, notifyRequestFiled } from "@/lib/notifications/request-notices";
import { fieldsOfKind, fieldValuesSchema, parseFieldDefinitions, type FieldDefinition } from "@/lib/validation/fields";
import { parseInput } from "@/lib/validation/parse";
import { fileRequestSchema, type FileRequestInput } from "@/lib/validation/requests";
import { clockEvents, refreshClocks, rowOf } from "@/lib/service-levels/refresh-clocks";
import { loadPolicies } from "@/lib/service-levels/policies";
import { deriveClocks } from "@/lib/sla/clock";
import type { PriorityLevel } from "@/lib/validation/requests";
import { approvalStepsFor, startApprovals } from "@/lib/approvals/approval-flow";
import { assignOnFiling } from "./assign-by-rule";
import { eventRow } from "./events";
import { formatReference } from "./reference";
import { takeRequestNumber } from "./take-request-number";
import { newRowId, writeFiling } from "./write-filing";

/**
 * `written`: what this call wrote, when it filed the request in one statement (writeFiling), so a
 * caller can answer from it without reading the request back.
 */
export type FiledRequest = { id: string; reference: string; created: boolean; written?: WrittenFiling };
export type WrittenFiling = {
  number: number;
  at: Date;
  eventId: string;
  eventTo: { status: "NEW"; priority: string; typeId: string; teamId: string | null };
  title: string;
  description: string;
  priority: string;
  fieldValues: Record<string, unknown>;
  fields: FieldDefinition[];
  department: { id: string; key: string; name: string };
  type: { id: string; name: string };
};

/** The API caller's Idempotency-Key, claimed in the same write as the filing (see createRequestForApi). */
export type SubmissionClaim = { tokenId: string; key: string; bodyHash: string };

/** Thrown when the claim was taken already: nothing was filed. */
export class SubmissionClaimTaken extends Error {
  constructor() {
    super("the idempotency key is claimed already");
  }
}

type FilingType = {
  id: string;
  name: string;
  departmentId: string;
  fields: Prisma.JsonValue;
  defaultPriority: string;
  defaultTeamId: string | null;
  departmentKey: string;
  departmentName: string;
  teamName: string | null;
  assignmentRule: string | null;
  approvalSteps: Prisma.JsonValue;
};

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
  /** Claimed with the filing, atomically; if taken, SubmissionClaimTaken is thrown and nothing is filed. */
  claim?: SubmissionClaim;
}): Promise<FiledRequest> {
  const { actor } = options;
  const input = parseInput(fileRequestSchema, options.input);

  // With a claim, the claim decides: a submission key derived from it was never used before it.
  if (!options.claim) {
    const existing = await findBySubmission(actor.id, input.submissionKey);
    if (existing) return { ...existing, created: false };
  }

  const [type] = await sql({ prepared: true }).$queryRaw<FilingType[]>`
    SELECT t.id, t.name, t."departmentId", t.fields, t."defaultPriority"::text AS "defaultPriority", t."defaultTeamId",
           d.key AS "departmentKey", d.name AS "departmentName", tm.name AS "teamName", tm."assignmentRule"::text AS "assignmentRule",
           t."approvalSteps"
      FROM "RequestType" t JOIN "Department" d ON d.id = t."departmentId" LEFT JOIN "Team" tm ON tm.id = t."defaultTeamId"
     WHERE t.id = ${input.typeId} AND t.active`;
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
  const priority = type.defaultPriority as PriorityLevel;
  // Steps the answers select (e.g. an amount over a limit adds one): then the request waits for them.
  const approvals = approvalStepsFor(type.approvalSteps, fieldValues);
  const awaitsApproval = approvals.length > 0;

  // The common filing (no files, no person to check, no assignment rule to run) is one statement.
  const lean = allFiles.length === 0 && fileFields.length === 0 && fieldsOfKind(fields, "person").length === 0 && (type.assignmentRule ?? "MANUAL") === "MANUAL" && !awaitsApproval;
  if (lean) return fileInOneStatement({ actor, input, type, fields, fieldValues, claim: options.claim });

  try {
    const number = await takeRequestNumber(type.departmentId);
    return await withStoredFiles(allFiles, (storedAll) => db().$transaction(async (tx) => {
      if (options.claim) {
        const { count } = await tx.apiIdempotencyKey.createMany({ data: [options.claim], skipDuplicates: true });
        if (!count) throw new SubmissionClaimTaken();
      }
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
          priority,
          requesterId: actor.id,
          requesterDepartmentId: actor.departmentId,
          teamId: type.defaultTeamId,
          submissionKey: input.submissionKey,
          createdAt: now,
          approvalState: awaitsApproval ? "PENDING" : null,
        },
        select: { id: true },
      });
      await tx.requestEvent.create({
        data: {
          ...eventRow(request.id, actor.id, "created", {
            to: { status: "NEW", priority, typeId: type.id, teamId: type.defaultTeamId, ...(awaitsApproval ? { awaitsApproval: true as const } : {}) },
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
      if (awaitsApproval) {
        // The department starts (clocks, notices, assignment) when the last step is approved.
        await startApprovals(tx, { requestId: request.id, steps: approvals, at: now });
      } else {
        await refreshClocks(tx, request.id, now);
        await notifyRequestFiled(tx, { actor, requestId: request.id });
        await assignOnFiling(tx, { requestId: request.id, at: now });
      }
      return { id: request.id, reference: formatReference(type.departmentKey, number), created: true };
    }));
  } catch (error) {
    // Two submissions of one form raced: the other one filed it.
    if (isUniqueViolation(error)) {
      const raced = await findBySubmission(actor.id, input.submissionKey);
      if (raced) return { ...raced, created: false };
    }
    throw error;
  }
}

/**
 * The filing as one statement (writeFiling): the policies and who hears about it are read side by
 * side first, the number taken (see takeRequestNumber), then the request, its created event, clocks,
 * notifications and emails (and the API claim) are written together.
 */
async function fileInOneStatement(options: {
  actor: Actor;
  input: FileRequestInput;
  type: FilingType;
  fields: FieldDefinition[];
  fieldValues: Prisma.InputJsonObject;
  claim?: SubmissionClaim;
}): Promise<FiledRequest> {
  const { actor, input, type } = options;
  const priority = type.defaultPriority as PriorityLevel;
  const id = newRowId();
  const [policies, audience, number] = await Promise.all([
    loadPolicies(sql({ prepared: true }), type.departmentId),
    newRequestAudience(sql({ prepared: true }), { departmentId: type.departmentId, teamId: type.defaultTeamId, actorId: actor.id }),
    takeRequestNumber(type.departmentId),
  ]);
  const reference = formatReference(type.departmentKey, number);
  const now = new Date();
  const eventTo = { status: "NEW" as const, priority, typeId: type.id, teamId: type.defaultTeamId };
  const clocks = deriveClocks({
    events: clockEvents([{ type: "created", createdAt: now, actorId: actor.id, from: null, to: eventTo }], new Set()),
    policyFor: (typeId, p) => policies.resolver(typeId, p),
    now,
  }).map((c) => rowOf(id, type.departmentId, c, now));
  const notice = newRequestNotice({ id, reference, title: input.title, actorName: actor.name, departmentName: type.departmentName, teamName: type.teamName });
  const { notifications, emails } = noticeRows(audience, notice);
  let written;
  try {
    written = await writeFiling({
      request: {
        id,
        departmentId: type.departmentId,
        number,
        typeId: type.id,
        title: input.title,
        description: input.description,
        fieldValues: options.fieldValues,
        priority,
        requesterId: actor.id,
        requesterDepartmentId: actor.departmentId,
        teamId: type.defaultTeamId,
        submissionKey: input.submissionKey,
      },
      event: { actorId: actor.id, to: eventRow(id, actor.id, "created", { to: eventTo }).to as Prisma.InputJsonObject },
      clocks,
      notifications,
      emails,
      claim: options.claim,
      at: now,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await findBySubmission(actor.id, input.submissionKey);
    if (raced) return { ...raced, created: false };
    throw error;
  }
  if (!written.claimed) throw new SubmissionClaimTaken();
  return {
    id,
    reference,
    created: true,
    written: {
      number,
      at: now,
      eventId: written.eventId!,
      eventTo,
      title: input.title,
      description: input.description,
      priority,
      fieldValues: options.fieldValues,
      fields: options.fields,
      department: { id: type.departmentId, key: type.departmentKey, name: type.departmentName },
      type: { id: type.id, name: type.name },
    },
  };
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
