// The demo organisation's knowledge (data in ./data/knowledge.ts): articles with their versions,
// known issues, and a problem with linked requests. Runs inside the demo seed's transaction, after
// the requests are written; no "server-only" imports (plain Node).
import type { Prisma } from "../../lib/generated/prisma/client";
import { ARTICLES, KNOWN_ISSUES, PROBLEM } from "./data/knowledge";

type Ctx = {
  now: Date;
  newId: () => string;
  deptId: (key: string) => string;
  deptKey: (id: string) => string;
  personId: (email: string) => string;
  headId: (key: string) => string;
  typeId: (deptKey: string, slug: string) => string;
  /** Who may read an article of the department: everyone active, or its agents for an agents-only one. */
  readers: (deptKey: string, visibility: "EVERYONE" | "AGENTS") => string[];
  requests: { id: string; departmentId: string; typeId: string; status: string; number: number; createdAt: Date; updatedAt: Date; assigneeId: string | null }[];
};

const DAY = 86_400_000;

/** Writes the knowledge; returns the request events it implies (problem links), for the seed to write with the rest. */
export async function seedKnowledge(tx: Prisma.TransactionClient, ctx: Ctx) {
  const articles: Prisma.ArticleCreateManyInput[] = [];
  const versions: Prisma.ArticleVersionCreateManyInput[] = [];
  const views: Prisma.ArticleViewCreateManyInput[] = [];
  for (const [n, spec] of ARTICLES.entries()) {
    const id = ctx.newId();
    const departmentId = ctx.deptId(spec.dept);
    const written = new Date(ctx.now.getTime() - 40 * DAY);
    // Its readers, each once (a view is a person): the spec's number, or as many as may read it.
    const readers = ctx.readers(spec.dept, spec.visibility);
    const read = spec.draft ? [] : Array.from({ length: Math.min(spec.views, readers.length) }, (_, i) => readers[(n * 37 + i) % readers.length]!);
    read.forEach((personId, i) => views.push({ articleId: id, personId, createdAt: new Date(written.getTime() + DAY + ((i + 1) * 38 * DAY) / (read.length + 1)) }));
    articles.push({
      id,
      departmentId,
      slug: spec.slug,
      title: spec.title,
      body: spec.body,
      visibility: spec.visibility,
      tags: spec.tags,
      requestTypeIds: spec.types.map((t) => ctx.typeId(spec.dept, t)),
      ownerId: ctx.personId(spec.author),
      reviewBy: new Date(ctx.now.getTime() + spec.reviewInDays * DAY),
      publishedVersion: spec.draft ? null : 1,
      latestVersion: 1,
      publishedAt: spec.draft ? null : new Date(written.getTime() + DAY),
      viewCount: read.length,
      createdAt: written,
      updatedAt: written,
    });
    versions.push({ articleId: id, number: 1, title: spec.title, body: spec.body, visibility: spec.visibility, tags: spec.tags, authorId: ctx.personId(spec.author), createdAt: written });
  }
  await tx.article.createMany({ data: articles });
  await tx.articleVersion.createMany({ data: versions });
  await tx.articleView.createMany({ data: views });
  await tx.auditEvent.createMany({
    data: articles.flatMap((a) => [
      { actorId: a.ownerId, action: "knowledge.article_created", subject: `article:${a.id}`, detail: { title: a.title, version: 1 }, createdAt: a.createdAt },
      ...(a.publishedVersion ? [{ actorId: ctx.headId(ctx.deptKey(a.departmentId)), action: "knowledge.article_published", subject: `article:${a.id}`, detail: { version: 1 }, createdAt: a.publishedAt! }] : []),
    ]),
  });

  await tx.knownIssue.createMany({
    data: KNOWN_ISSUES.map((k) => ({
      id: ctx.newId(),
      departmentId: ctx.deptId(k.dept),
      title: k.title,
      body: k.body,
      requestTypeIds: k.types.map((t) => ctx.typeId(k.dept, t)),
      createdById: ctx.headId(k.dept),
      createdAt: new Date(ctx.now.getTime() - DAY),
    })),
  });

  // The problem: the newest open requests of one type, the oldest of them standing for the cause.
  const typeId = ctx.typeId(PROBLEM.dept, PROBLEM.type);
  const open = ctx.requests
    .filter((r) => r.typeId === typeId && (r.status === "OPEN" || r.status === "NEW"))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, PROBLEM.linked + 1)
    .reverse();
  const events: { requestId: string; actorId: string | null; type: string; to: Prisma.InputJsonValue; createdAt: Date }[] = [];
  if (open.length === PROBLEM.linked + 1) {
    const [problem, ...linked] = open as [Ctx["requests"][number], ...Ctx["requests"]];
    const reference = `${PROBLEM.dept}-${problem.number}`;
    const agent = problem.assigneeId ?? ctx.headId(PROBLEM.dept);
    for (const l of linked) {
      // After everything else the request went through, and the request's last change.
      const at = new Date(Math.max(l.updatedAt.getTime(), ctx.now.getTime() - DAY / 2));
      await tx.request.update({ where: { id: l.id }, data: { problemId: problem.id, updatedAt: at } });
      events.push({ requestId: l.id, actorId: agent, type: "problem_linked", to: { requestId: problem.id, reference }, createdAt: at });
    }
  }
  return { events, articles: articles.length };
}
