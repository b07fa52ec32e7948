import { z } from "zod";
import { text } from "./text";
import { commentSchema, fileRequestSchema, priorities, queueFilterSchema, statuses, updateRequestSchema } from "./requests";
import { tokenExpiryChoices } from "./api-values";
export { tokenExpiryChoices } from "./api-values";

/**
 * The shapes of REST API v1: bodies and queries are derived from the schemas the forms and use
 * cases already validate with, so the API and the UI accept exactly the same input; responses are
 * described here too, and lib/api/openapi.ts turns all of them into the OpenAPI document.
 */

// ---- personal API tokens (the account page) ----

export const createApiTokenSchema = z.object({
  name: text().trim().min(1, "Give the token a name, e.g. the script that uses it").max(80, "Keep the name under 80 characters"),
  /** Days until it stops working, or "never". */
  expiresIn: z.enum(tokenExpiryChoices, "Choose when the token expires").default("90"),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ tokenId: text().min(1).max(64) });
export type RevokeApiTokenInput = z.input<typeof revokeApiTokenSchema>;

// ---- request bodies ----

const expectedVersion = updateRequestSchema.shape.expectedVersion
  .optional()
  .meta({ description: "The version you last read. If given and the request has changed since, nothing is saved and you get 409 STALE_VERSION." });

export const apiFileRequestSchema = fileRequestSchema
  .omit({ submissionKey: true })
  .extend({
    fieldValues: fileRequestSchema.shape.fieldValues.meta({
      description: "Values of the request type's fields by key (see GET /request-types), validated as the filing form validates them.",
    }),
  })
  .meta({ description: "A request filed to the department that offers the request type." });
export type ApiFileRequestBody = z.output<typeof apiFileRequestSchema>;

export const apiCommentSchema = commentSchema.omit({ requestId: true }).meta({
  description: "PUBLIC: a reply everyone on the request sees. INTERNAL: a note only agents of the department see (agents only).",
});

export const apiStatusSchema = z.object({
  status: z.enum(statuses).exclude(["NEW"]).meta({ description: "A request never goes back to NEW." }),
  expectedVersion,
});

export const apiAssigneeSchema = z.object({
  assigneeId: z
    .union([z.literal("me"), text().min(1).max(64), z.null()])
    .meta({ description: "A person id of an active agent of the department, \"me\", or null to unassign." }),
  expectedVersion,
});

export const idempotencyKeySchema = text()
  .min(1, "The Idempotency-Key header is empty")
  .max(255, "The Idempotency-Key header is at most 255 characters")
  .regex(/^[\x21-\x7E]+$/, "The Idempotency-Key header may hold only visible ASCII characters (a UUID is a good key)");

// ---- queries ----

const statusFilter = queueFilterSchema.shape.status;

export const apiListQuerySchema = z
  .object({
    department: text()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z][A-Z0-9]{0,9}$/, "A department key such as FAC")
      .optional()
      .meta({ description: "List this department's queue (its agents only). Without it: requests you filed or follow." }),
    status: statusFilter.meta({ description: "ACTIVE (default: new, open, waiting on requester), ALL, or one status." }),
    priority: z.enum(priorities).optional().meta({ description: "Queue only." }),
    assignee: text().max(64).optional().meta({ description: "Queue only: \"me\", \"none\" or a person id." }),
    q: text().trim().max(200).optional().meta({ description: "Queue only: a reference (FAC-1042) or words of the title." }),
    cursor: text().max(200).optional().meta({ description: "nextCursor of the previous page." }),
  })
  .superRefine((query, ctx) => {
    if (query.department) return;
    for (const key of ["priority", "assignee", "q"] as const) {
      if (query[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `${key} filters a department's queue: add department=KEY` });
    }
  });
export type ApiListQuery = z.output<typeof apiListQuerySchema>;

// ---- responses ----

const instant = z.iso.datetime();
const nullableInstant = instant.nullable();
const personRef = z.object({ id: z.string(), name: z.string() });
const status = z.enum(statuses);
const priority = z.enum(priorities);

export const requestSummarySchema = z
  .object({
    id: z.string(),
    reference: z.string().meta({ description: "Department key and number, e.g. FAC-1042: use it in URLs." }),
    title: z.string(),
    status,
    priority,
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
    department: z.object({ key: z.string(), name: z.string() }),
    type: z.object({ name: z.string() }),
    requester: z.object({ name: z.string() }),
    assignee: personRef.nullable(),
  })
  .meta({ id: "RequestSummary" });
export type ApiRequestSummary = z.output<typeof requestSummarySchema>;

export const requestListSchema = z
  .object({
    data: z.array(requestSummarySchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as cursor for the next page; null on the last page." }),
  })
  .meta({ id: "RequestList" });

export const commentViewSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    visibility: z.enum(["PUBLIC", "INTERNAL"]),
    byStaff: z.boolean().meta({ description: "Written by an agent of the providing department." }),
    author: personRef,
    createdAt: instant,
  })
  .meta({ id: "Comment" });

export const eventViewSchema = z
  .object({
    id: z.string(),
    type: z.string().meta({ description: "created, status_changed, priority_changed, assigned, ..." }),
    from: z.unknown(),
    to: z.unknown(),
    actor: personRef.nullable(),
    createdAt: instant,
  })
  .meta({ id: "Event" });

export const requestDetailSchema = requestSummarySchema
  .extend({
    description: z.string(),
    resolvedAt: nullableInstant,
    department: z.object({ id: z.string(), key: z.string(), name: z.string() }),
    type: z.object({ id: z.string(), name: z.string() }),
    fields: z
      .array(
        z.object({
          key: z.string(),
          label: z.string(),
          kind: z.string().nullable().meta({ description: "The field's kind; null for a value of a field the form no longer has." }),
          value: z.unknown().meta({ description: "As stored: a person field holds the person's id, a file field the attachments' ids." }),
          person: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
          files: z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number() })).optional(),
        }),
      )
      .meta({ description: "Field values in the form's order, then values of fields removed from the form since (labelled by key)." }),
    requester: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    watchers: z.array(personRef),
    comments: z.array(commentViewSchema).meta({ description: "Oldest first. Internal notes only for agents of the department." }),
    events: z.array(eventViewSchema).meta({ description: "Oldest first. Requesters and followers see status changes only." }),
  })
  .meta({ id: "Request" });
export type ApiRequestDetail = z.output<typeof requestDetailSchema>;

export const requestEnvelopeSchema = z.object({ request: requestDetailSchema }).meta({ id: "RequestEnvelope" });
export const commentCreatedSchema = z.object({ commentId: z.string(), request: requestDetailSchema }).meta({ id: "CommentCreated" });

export const requestTypesSchema = z
  .object({
    data: z.array(
      z.object({
        department: z.object({ key: z.string(), name: z.string() }),
        id: z.string(),
        slug: z.string(),
        name: z.string(),
        description: z.string(),
        fields: z.array(z.looseObject({ key: z.string(), label: z.string(), kind: z.string(), required: z.boolean() })),
      }),
    ),
  })
  .meta({ id: "RequestTypeList" });

/** Stable codes a client can branch on; the message is for people. */
export const apiErrorCodes = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_JSON",
  "INVALID_INPUT",
  "IDEMPOTENCY_KEY_REUSED",
  "CONFLICT",
  "STALE_VERSION",
  "PAYLOAD_TOO_LARGE",
  "METHOD_NOT_ALLOWED",
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
  "INTERNAL_ERROR",
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(apiErrorCodes),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Messages per input field (INVALID_INPUT)." }),
    }),
  })
  .meta({ id: "Error" });

// ---- knowledge ----

export const apiArticleSearchSchema = z.object({
  q: text().trim().min(1, "Give words to search for").max(200, "Keep the search under 200 characters").meta({ description: "Words, \"a phrase\", -exclude (PostgreSQL websearch syntax)." }),
});

const articleSummary = z.object({
  id: z.string(),
  department: z.object({ key: z.string(), name: z.string() }),
  slug: z.string(),
  title: z.string(),
  visibility: z.enum(["EVERYONE", "AGENTS"]),
  snippet: z.string(),
});
export const articleListSchema = z.object({ data: z.array(articleSummary) }).meta({ description: "Published articles you may read, best match first (at most 20)." });
export const articleEnvelopeSchema = z
  .object({
    article: z.object({
      id: z.string(),
      department: z.object({ key: z.string(), name: z.string() }),
      slug: z.string(),
      title: z.string(),
      visibility: z.enum(["EVERYONE", "AGENTS"]),
      tags: z.array(z.string()),
      markdown: z.string(),
      html: z.string().meta({ description: "Sanitised HTML (allow-list)." }),
      publishedAt: nullableInstant,
    }),
  })
  .meta({ description: "One published article you may read." });
