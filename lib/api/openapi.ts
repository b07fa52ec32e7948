import { z } from "zod";
import {
  apiAssigneeSchema,
  apiCommentSchema,
  apiErrorCodes,
  apiFileRequestSchema,
  apiListQuerySchema,
  apiStatusSchema,
  commentCreatedSchema,
  requestEnvelopeSchema,
  requestListSchema,
  requestTypesSchema,
} from "@/lib/validation/api";

type JsonSchema = Record<string, unknown>;
type Operation = {
  method: "get" | "post" | "put";
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  idempotent?: boolean;
  success: { status: number; description: string; schema: z.ZodType };
  errors: number[];
  public?: boolean;
};

const reference = { name: "reference", in: "path", required: true, description: "The request's reference, e.g. FAC-1042. A reference from before a transfer leads to the request under its current one.", schema: { type: "string" } };

/** Every endpoint of /api/v1; the route handlers use the same schemas, so the document cannot drift from what is validated. */
export const operations: Operation[] = [
  {
    method: "get",
    path: "/requests",
    operationId: "listRequests",
    summary: "List requests",
    description: "Without `department`: the requests you filed or follow. With `department`: that department's queue, for its agents. Newest first, 50 a page.",
    query: apiListQuerySchema,
    success: { status: 200, description: "One page of requests", schema: requestListSchema },
    errors: [401, 403, 404, 422, 429],
  },
  {
    method: "post",
    path: "/requests",
    operationId: "fileRequest",
    summary: "File a request",
    description:
      "Send an `Idempotency-Key` header (e.g. a UUID) to make retries safe: a retry with the same key and body returns the first result (header `Idempotent-Replayed: true`) and files nothing twice; the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED.",
    body: apiFileRequestSchema,
    idempotent: true,
    success: { status: 201, description: "The request filed (or, for a retry, the first result)", schema: requestEnvelopeSchema },
    errors: [400, 401, 404, 413, 422, 429],
  },
  {
    method: "get",
    path: "/requests/{reference}",
    operationId: "getRequest",
    summary: "Read a request with its comments",
    description: "Internal notes are included only for agents of the providing department. A request you may not see is 404.",
    success: { status: 200, description: "The request", schema: requestEnvelopeSchema },
    errors: [401, 404, 429],
  },
  {
    method: "post",
    path: "/requests/{reference}/comments",
    operationId: "addComment",
    summary: "Reply, or add an internal note",
    body: apiCommentSchema,
    success: { status: 201, description: "The comment's id and the request after it", schema: commentCreatedSchema },
    errors: [400, 401, 403, 404, 413, 422, 429],
  },
  {
    method: "put",
    path: "/requests/{reference}/status",
    operationId: "setStatus",
    summary: "Change the status (agents of the department)",
    body: apiStatusSchema,
    success: { status: 200, description: "The request after the change", schema: requestEnvelopeSchema },
    errors: [400, 401, 403, 404, 409, 413, 422, 429],
  },
  {
    method: "put",
    path: "/requests/{reference}/assignee",
    operationId: "setAssignee",
    summary: "Assign or unassign (agents of the department)",
    body: apiAssigneeSchema,
    success: { status: 200, description: "The request after the change", schema: requestEnvelopeSchema },
    errors: [400, 401, 403, 404, 409, 413, 422, 429],
  },
  {
    method: "get",
    path: "/request-types",
    operationId: "listRequestTypes",
    summary: "The catalogue: request types you can file, with their fields",
    success: { status: 200, description: "Every active request type", schema: requestTypesSchema },
    errors: [401, 429],
  },
  {
    method: "get",
    path: "/openapi.json",
    operationId: "openapi",
    summary: "This document",
    success: { status: 200, description: "OpenAPI 3.1", schema: z.record(z.string(), z.unknown()) },
    errors: [],
    public: true,
  },
];

const errorText: Record<number, string> = {
  400: "Malformed JSON (INVALID_JSON)",
  401: "No token, or an unknown, revoked or expired one, or its person is deactivated (UNAUTHENTICATED)",
  403: "You may see the request but not do this (FORBIDDEN)",
  404: "No such request, or one you may not see (NOT_FOUND)",
  409: "The request changed since expectedVersion (STALE_VERSION), or is closed (CONFLICT)",
  413: "Body over 1 MB (PAYLOAD_TOO_LARGE)",
  422: "The body or query failed validation (INVALID_INPUT, with fields), or IDEMPOTENCY_KEY_REUSED",
  429: "Over your rate limit, counted across all your tokens (RATE_LIMITED); wait Retry-After seconds",
};

/** Dates are documented by their format; zod's long regular expression adds nothing for a reader. */
const options = {
  unrepresentable: "any",
  override: ({ jsonSchema }: { jsonSchema: JsonSchema }) => {
    if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
  },
} as const;

function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

const inputSchema = (schema: z.ZodType) => strip(z.toJSONSchema(schema, { ...options, io: "input" }));

function outputRef(schema: z.ZodType): JsonSchema {
  const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
  return id ? { $ref: `#/components/schemas/${id}` } : strip(z.toJSONSchema(schema, { ...options, io: "output" }));
}

function queryParameters(schema: z.ZodObject): JsonSchema[] {
  const json = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: "query", required: json.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest };
  });
}

function components(): Record<string, JsonSchema> {
  const all = z.toJSONSchema(z.globalRegistry, { ...options, io: "output", uri: (id) => `#/components/schemas/${id}` }).schemas;
  return Object.fromEntries(Object.entries(all).map(([id, schema]) => [id, strip(schema as JsonSchema)]));
}

/** The OpenAPI 3.1 description of /api/v1, built from the zod schemas the handlers validate with. */
export function openApiDocument(serverUrl = "/api/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters: JsonSchema[] = [];
    if (op.path.includes("{reference}")) parameters.push(reference);
    if (op.query) parameters.push(...queryParameters(op.query));
    if (op.idempotent) {
      parameters.push({ name: "Idempotency-Key", in: "header", required: false, description: "Makes retries of this call safe (1-255 visible ASCII characters).", schema: { type: "string", maxLength: 255 } });
    }
    const responses: Record<string, unknown> = {
      [op.success.status]: { description: op.success.description, content: { "application/json": { schema: outputRef(op.success.schema) } } },
    };
    for (const status of op.errors) {
      responses[status] = {
        description: errorText[status],
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        ...(status === 429 ? { headers: { "Retry-After": { description: "Seconds until the window resets", schema: { type: "integer" } } } } : {}),
      };
    }
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.public ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: inputSchema(op.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Service Desk API",
      version: "1.0.0",
      description: [
        "File and work internal service requests from scripts and other tools.",
        "Authenticate with a personal API token (create one under API tokens, next to your name): `Authorization: Bearer sd_...`.",
        "A token acts exactly as its person and can do nothing that person cannot.",
        "Errors are `{ \"error\": { \"code\", \"message\", \"fields\"? } }` with one of the stable codes " + apiErrorCodes.join(", ") + ".",
        "Each token may make a limited number of calls a minute (X-RateLimit-* headers on every response; 429 with Retry-After beyond it).",
      ].join("\n\n"),
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A personal API token, sd_..." } },
      schemas: components(),
    },
  };
}
