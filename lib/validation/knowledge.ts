import { z } from "zod";
import { text } from "./text";
import { articleVisibilities } from "./knowledge-values";
export { articleVisibilities, articleVisibilityLabel } from "./knowledge-values";

const id = text().min(1).max(64);
const blankAsUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** Tags are single lower-case words (the search vector stores them as they are). */
const tags = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,\s]+/) : v),
  z
    .array(text())
    .transform((list) => [...new Set(list.map((t) => t.trim().toLowerCase().replace(/^#/, "")).filter(Boolean))])
    .pipe(z.array(z.string().regex(/^[\p{L}\p{N}_-]{1,40}$/u, "Tags are single words of letters, digits, - or _ (up to 40 characters)")).max(20, "At most 20 tags")),
);

const ids = z.preprocess((v) => (typeof v === "string" ? (v ? [v] : []) : (v ?? [])), z.array(id).max(50));

const reviewBy = z.preprocess(
  blankAsUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Give the review date as a date")
    .transform((s) => new Date(`${s}T00:00:00Z`))
    .refine((d) => !Number.isNaN(d.getTime()), "Give the review date as a date")
    .optional(),
);

const articleFields = {
  title: text().trim().min(3, "Give the article a title (at least 3 characters)").max(160, "Keep the title under 160 characters"),
  body: text().trim().min(1, "Write the article").max(50_000, "The article is too long (50,000 characters at most)"),
  visibility: z.enum(articleVisibilities, { error: "Choose who may read the article" }).default("EVERYONE"),
  tags: tags.default([]),
  requestTypeIds: ids.default([]),
  reviewBy,
};

export const createArticleSchema = z.object({ departmentId: id, sourceRequestId: id.optional(), ...articleFields });
export type CreateArticleInput = z.input<typeof createArticleSchema>;

export const editArticleSchema = z.object({ articleId: id, expectedVersion: z.coerce.number().int().min(1), ...articleFields });
export type EditArticleInput = z.input<typeof editArticleSchema>;

export const publishArticleSchema = z.object({ articleId: id, version: z.coerce.number().int().min(1) });
export const returnArticleSchema = z.object({
  articleId: id,
  version: z.coerce.number().int().min(1),
  reason: text().trim().min(1, "Say what the writer should change").max(2_000, "Keep the reason under 2,000 characters"),
});
export const articleRefSchema = z.object({ articleId: id });
export const voteSchema = z.object({ articleId: id, helpful: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean()) });
export const deflectionSchema = z.object({ articleId: id, typeId: id });
export const suggestSchema = z.object({
  typeId: id,
  title: z
    .string()
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, " "))
    .pipe(text().trim().max(160)),
});
export const flagOutdatedSchema = z.object({
  articleId: id,
  requestId: z.preprocess(blankAsUndefined, id.optional()),
  note: text().trim().min(1, "Say what is out of date").max(2_000, "Keep the note under 2,000 characters"),
});
export const articleForReplySchema = z.object({ requestId: id, articleId: id, mode: z.enum(["link", "text"]).default("link") });
export const draftFromRequestSchema = z.object({ requestId: id });
export const editorSchema = z.object({ departmentId: id, personId: id, editor: z.boolean() });

export const knownIssueSchema = z.object({
  departmentId: id,
  title: text().trim().min(3, "Give the known issue a title (at least 3 characters)").max(160, "Keep the title under 160 characters"),
  body: text().trim().max(5_000, "Keep the text under 5,000 characters").default(""),
  requestTypeIds: ids.default([]),
});
export type KnownIssueInput = z.input<typeof knownIssueSchema>;
export const knownIssueRefSchema = z.object({ knownIssueId: id });
export const endKnownIssueSchema = z.object({ knownIssueId: id, note: text().trim().max(2_000).default("") });

export const linkProblemSchema = z.object({ requestId: id, problemReference: text().trim().min(1, "Give the problem's request number").max(40) });
export const unlinkProblemSchema = z.object({ requestId: id });
export const resolveProblemSchema = z.object({
  problemId: id,
  fix: text().trim().min(1, "Describe the fix: every linked requester reads it").max(10_000, "The fix is too long (10,000 characters at most)"),
  /** resolve: every linked request is resolved; return: each goes back to its agent, open, with the fix as a reply. */
  linked: z.enum(["resolve", "return"], { error: "Choose what happens to the linked requests" }).default("resolve"),
});
export type ResolveProblemInput = z.input<typeof resolveProblemSchema>;

/** The article an image or file is uploaded to (the files themselves are checked by lib/attachments/prepare-uploads.ts). */
export const articleFileUploadSchema = z.object({ articleId: id });
