import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/create-client";
import { forbidden, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The one owner of who may see and do what with knowledge articles. Search, filing suggestions, the
 * article page, the API, replies that quote an article and every notice ask this module, so an
 * article for agents only reaches nobody outside its department's agents by any of those ways.
 *
 * Readers: a published article is readable by everyone when its visibility is EVERYONE, otherwise
 * by the agents (and head) of its department. Drafts (never published) are readable by those agents
 * only, as writers. Writers: the department's agents. Publishers: its head or a named editor.
 */

type ArticleFacts = { departmentId: string; visibility: "EVERYONE" | "AGENTS"; publishedVersion: number | null };

/** Departments whose knowledge the actor writes (and whose internal articles they read). */
const writerOf = (actor: Actor) => actor.agentOf.filter((departmentId) => can(actor, "knowledge.write", { departmentId }));

/** Published articles the actor may read: every query of articles for reading starts from this. */
export function readableArticles(actor: Actor): Prisma.ArticleWhereInput {
  return { publishedVersion: { not: null }, OR: [{ visibility: "EVERYONE" }, { departmentId: { in: writerOf(actor) } }] };
}

/** `readableArticles` as an SQL predicate on an "Article" row under `alias`. */
export function articleReadableSql(actor: Actor, alias: string): Prisma.Sql {
  const a = (column: string) => Prisma.raw(`${alias}."${column}"`);
  const departments = writerOf(actor);
  return Prisma.sql`(${a("publishedVersion")} IS NOT NULL AND (${a("visibility")} = 'EVERYONE'${
    departments.length ? Prisma.sql` OR ${a("departmentId")} = ANY(${departments}::text[])` : Prisma.empty
  }))`;
}

/** Articles (drafts included) the actor may open as a writer. */
export function writableArticles(actor: Actor): Prisma.ArticleWhereInput {
  return { departmentId: { in: writerOf(actor) } };
}

/** Whether the actor may read this article as published. */
export function mayRead(actor: Actor, article: ArticleFacts): boolean {
  if (article.publishedVersion === null) return false;
  return article.visibility === "EVERYONE" || writerOf(actor).includes(article.departmentId);
}

/** Where an article's image or file is served; an article's Markdown refers to it by this path. */
export const articleFilePath = (fileId: string) => `/api/article-files/${fileId}`;

/**
 * Whether the actor may open one of an article's images or files: its writers always (drafts'
 * files too, while they write); anyone else only while the published version they may read shows
 * it. A file taken out of the article, or only in a draft, reaches no reader.
 */
export function mayOpenArticleFile(actor: Actor, file: { id: string; article: ArticleFacts & { body: string } }): boolean {
  if (mayWrite(actor, file.article.departmentId)) return true;
  return mayRead(actor, file.article) && file.article.body.includes(articleFilePath(file.id));
}

/** Whether everyone the article might reach through a public reply or an email may read it. */
export const isPublicArticle = (article: ArticleFacts) => article.publishedVersion !== null && article.visibility === "EVERYONE";

export const mayWrite = (actor: Actor, departmentId: string) => can(actor, "knowledge.write", { departmentId });

/** A head of the department, or one of its named editors. */
export async function mayPublish(tx: Pick<Tx, "knowledgeEditor">, actor: Actor, departmentId: string): Promise<boolean> {
  if (can(actor, "knowledge.publish", { departmentId })) return true;
  if (!actor.agentOf.includes(departmentId)) return false;
  return (await tx.knowledgeEditor.count({ where: { departmentId, personId: actor.id } })) > 0;
}

/** People who may read an article: who an email about it may go to (as a Person `where`). */
export function mayReadArticleWhere(article: ArticleFacts): Prisma.PersonWhereInput {
  if (article.publishedVersion !== null && article.visibility === "EVERYONE") return { active: true };
  return { active: true, roles: { some: { departmentId: article.departmentId, role: { in: ["AGENT", "HEAD"] } } } };
}

/** An article the actor writes, for a change: others are told it is not there; readers that they may not. */
export async function loadWritable(tx: Tx, actor: Actor, articleId: string) {
  const article = await tx.article.findUnique({ where: { id: articleId } });
  if (!article) throw notFound("This article");
  if (!mayWrite(actor, article.departmentId)) {
    if (mayRead(actor, article)) throw forbidden("Only agents of the article's department can change it.");
    throw notFound("This article");
  }
  return article;
}

export type ArticleViewer = { read: boolean; write: boolean; publish: boolean; vote: boolean; flagOutdated: boolean; insights: boolean };

/** One person on one article: the `can` flags pages render. */
export async function articleViewer(tx: Pick<Tx, "knowledgeEditor">, actor: Actor, article: ArticleFacts): Promise<ArticleViewer> {
  const read = mayRead(actor, article);
  const write = mayWrite(actor, article.departmentId);
  return {
    read,
    write,
    publish: write && (await mayPublish(tx, actor, article.departmentId)),
    vote: read,
    flagOutdated: read && actor.agentOf.length > 0,
    insights: can(actor, "knowledge.insights", { departmentId: article.departmentId }),
  };
}
