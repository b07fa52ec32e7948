import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { articleForReply } from "@/lib/knowledge/article-for-reply";
import { createArticle } from "@/lib/knowledge/create-article";
import { departmentKnownIssues } from "@/lib/knowledge/department-known-issues";
import { draftArticleFromRequest } from "@/lib/knowledge/draft-from-request";
import { announceKnownIssue } from "@/lib/knowledge/announce-known-issue";
import { editArticle } from "@/lib/knowledge/edit-article";
import { endKnownIssue } from "@/lib/knowledge/end-known-issue";
import { followKnownIssue } from "@/lib/knowledge/follow-known-issue";
import { flagArticleOutdated } from "@/lib/knowledge/flag-outdated";
import { getArticle } from "@/lib/knowledge/get-article";
import { knowledgeInsights } from "@/lib/knowledge/knowledge-insights";
import { listArticles } from "@/lib/knowledge/list-articles";
import { popularArticles } from "@/lib/knowledge/popular-articles";
import { publishArticle } from "@/lib/knowledge/publish-article";
import { rankArticles } from "@/lib/knowledge/rank-articles";
import { recordDeflection } from "@/lib/knowledge/record-deflection";
import { returnArticleToAgent } from "@/lib/knowledge/return-article";
import { setKnowledgeEditor } from "@/lib/knowledge/set-knowledge-editor";
import { suggestArticles } from "@/lib/knowledge/suggest-articles";
import { voteArticle } from "@/lib/knowledge/vote-article";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { updateRequest } from "@/lib/requests/update-request";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
beforeEach(async () => {
  desk = await seedDesk();
});

const word = () => `zq${uid()}`;
const write = (actor: Actor, extra: Partial<{ title: string; body: string; visibility: "EVERYONE" | "AGENTS"; requestTypeIds: string[]; tags: string[]; reviewBy: string }> = {}) =>
  createArticle({ actor, input: { departmentId: desk.provider.id, title: extra.title ?? "Printer on floor 3 jams", body: extra.body ?? "Open tray **2** and pull the paper.", ...extra } });
const publish = async (actor: Actor, id: string) => {
  const a = await db().article.findUniqueOrThrow({ where: { id } });
  return publishArticle({ actor, input: { articleId: id, version: a.latestVersion } });
};
/** A published article of the provider; AGENTS visibility for an internal how-to. */
const published = async (visibility: "EVERYONE" | "AGENTS", title: string, body = "Steps to follow") => {
  const a = await write(desk.agent, { title, body, visibility, requestTypeIds: [desk.type.id] });
  await publish(desk.head, a.id);
  return a;
};
const file = (title = "Broken chair") => fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title, description: "It wobbles", submissionKey: `k-${uid()}` } });
const audit = (id: string) => db().auditEvent.findMany({ where: { subject: `article:${id}` }, orderBy: { id: "asc" } });

describe("writing and publishing", () => {
  it("an agent writes a draft, edits it, and only the head publishes; every step is versioned and audited", async () => {
    const a = await write(desk.agent);
    await expectAppError(publishArticle({ actor: desk.agent, input: { articleId: a.id, version: 1 } }), "FORBIDDEN");
    expect(await listArticles({ actor: desk.requester, departmentId: desk.provider.id })).toHaveLength(0);
    await editArticle({ actor: desk.agent, input: { articleId: a.id, expectedVersion: 1, title: "Printer jams on floor 3", body: "Open tray 2." } });
    await expectAppError(editArticle({ actor: desk.agent, input: { articleId: a.id, expectedVersion: 1, title: "Stale", body: "x" } }), "STALE_VERSION");
    await expectAppError(publishArticle({ actor: desk.head, input: { articleId: a.id, version: 1 } }), "STALE_VERSION");
    await publishArticle({ actor: desk.head, input: { articleId: a.id, version: 2 } });
    // An edit of a published article waits for publishing: readers keep version 2.
    await editArticle({ actor: desk.agent, input: { articleId: a.id, expectedVersion: 2, title: "Printer jams on floor 3 (new tray)", body: "Open tray 3." } });
    const seen = await getArticle({ actor: desk.requester, departmentKey: desk.provider.key, slug: a.slug });
    expect(seen.article.title).toBe("Printer jams on floor 3");
    expect(seen.draft).toBeNull();
    const agentView = await getArticle({ actor: desk.agent, departmentKey: desk.provider.key, slug: a.slug });
    expect(agentView.draft?.number).toBe(3);
    expect(await db().articleVersion.count({ where: { articleId: a.id } })).toBe(3);
    expect((await audit(a.id)).map((e) => e.action)).toEqual(["knowledge.article_created", "knowledge.article_edited", "knowledge.article_published", "knowledge.article_edited"]);
    await expect(db().articleVersion.deleteMany({ where: { articleId: a.id } })).rejects.toThrow();
  });

  it("a named editor publishes; an agent of another department cannot write, and a requester cannot name editors", async () => {
    const a = await write(desk.agent);
    await expectAppError(setKnowledgeEditor({ actor: desk.agent, input: { departmentId: desk.provider.id, personId: desk.agent.id, editor: true } }), "FORBIDDEN");
    await expectAppError(setKnowledgeEditor({ actor: desk.head, input: { departmentId: desk.provider.id, personId: desk.requester.id, editor: true } }), "INVALID_INPUT");
    await setKnowledgeEditor({ actor: desk.head, input: { departmentId: desk.provider.id, personId: desk.agent.id, editor: true } });
    await publishArticle({ actor: desk.agent, input: { articleId: a.id, version: 1 } });
    await expectAppError(write(desk.outsiderAgent), "FORBIDDEN");
    await expectAppError(write(desk.requester), "FORBIDDEN");
    await expectAppError(editArticle({ actor: desk.outsiderAgent, input: { articleId: a.id, expectedVersion: 1, title: "Mine now", body: "x" } }), "FORBIDDEN");
  });

  it("a publisher returns a version to its writer with a reason; the writer is told, readers keep theirs, and a new version clears it", async () => {
    const a = await write(desk.agent);
    const send = (actor: Actor, version: number | string, reason = "Say which floor the printer is on.") => returnArticleToAgent({ actor, input: { articleId: a.id, version, reason } });
    // Denials: the writer, an agent of another department, a requester; bad input and a stale version change nothing.
    await expectAppError(send(desk.agent, 1), "FORBIDDEN");
    await expectAppError(send(desk.outsiderAgent, 1), "NOT_FOUND");
    await expectAppError(send(desk.requester, 1), "NOT_FOUND");
    expect((await expectAppError(send(desk.head, 1, "  "), "INVALID_INPUT")).fieldErrors).toHaveProperty("reason");
    await expectAppError(send(desk.head, 2), "STALE_VERSION");
    expect((await audit(a.id)).map((e) => e.action)).toEqual(["knowledge.article_created"]);

    await send(desk.head, 1);
    await expectAppError(send(desk.head, 1), "CONFLICT");
    const writerView = await getArticle({ actor: desk.agent, departmentKey: desk.provider.key, slug: a.slug });
    expect(writerView.draft?.returned).toMatchObject({ reason: "Say which floor the printer is on." });
    expect(await db().notification.count({ where: { personId: desk.agent.id, kind: "article_returned" } })).toBe(1);
    expect(await db().article.findUniqueOrThrow({ where: { id: a.id }, select: { publishedVersion: true } })).toEqual({ publishedVersion: null });
    expect((await audit(a.id)).at(-1)).toMatchObject({ action: "knowledge.article_returned", actorId: desk.head.id, detail: { version: 1, reason: "Say which floor the printer is on." } });

    await editArticle({ actor: desk.agent, input: { articleId: a.id, expectedVersion: 1, title: "Printer on floor 3 jams", body: "Floor 3: open tray 2." } });
    expect((await getArticle({ actor: desk.agent, departmentKey: desk.provider.key, slug: a.slug })).draft?.returned).toBeNull();
    // Once published, a version is no longer waiting: nothing to send back.
    await publishArticle({ actor: desk.head, input: { articleId: a.id, version: 2 } });
    await expectAppError(send(desk.head, 2), "CONFLICT");
  });

  it("bad input is refused beside its field and writes nothing", async () => {
    const before = await db().article.count({ where: { departmentId: desk.provider.id } });
    const e = await expectAppError(write(desk.agent, { title: "x" }), "INVALID_INPUT");
    expect(e.fieldErrors?.title).toBeDefined();
    expect((await expectAppError(write(desk.agent, { tags: ["two words!"] }), "INVALID_INPUT")).fieldErrors).toHaveProperty(["tags.0"]);
    expect((await expectAppError(write(desk.agent, { requestTypeIds: ["nope"] }), "INVALID_INPUT")).fieldErrors).toHaveProperty("requestTypeIds");
    expect((await expectAppError(write(desk.agent, { reviewBy: "soon" }), "INVALID_INPUT")).fieldErrors).toHaveProperty("reviewBy");
    expect(await db().article.count({ where: { departmentId: desk.provider.id } })).toBe(before);
  });
});

describe("an internal article never reaches an employee", () => {
  it("not on the catalogue card: each department's most read articles the reader may read, drafts never", async () => {
    const w = word();
    const most = await published("EVERYONE", `Most read ${w}`);
    const less = await published("EVERYONE", `Less read ${w}`);
    const internal = await published("AGENTS", `Internal ${w}`);
    await write(desk.agent, { title: `Draft ${w}` });
    await db().article.update({ where: { id: most.id }, data: { viewCount: 30 } });
    await db().article.update({ where: { id: less.id }, data: { viewCount: 3 } });
    await db().article.update({ where: { id: internal.id }, data: { viewCount: 99 } });
    const titles = async (actor: Actor, perDepartment?: number) => (await popularArticles({ actor, departmentIds: [desk.provider.id, desk.other.id], perDepartment })).map((a) => a.title);
    expect(await titles(desk.requester)).toEqual([`Most read ${w}`, `Less read ${w}`]);
    expect(await titles(desk.requester, 1)).toEqual([`Most read ${w}`]);
    expect(await titles(desk.outsiderAgent)).toEqual([`Most read ${w}`, `Less read ${w}`]);
    expect(await titles(desk.agent)).toEqual([`Internal ${w}`, `Most read ${w}`, `Less read ${w}`]);
    expect(await popularArticles({ actor: desk.requester, departmentIds: [] })).toEqual([]);
  });

  it("not by search, suggestion, link (page), or a reply", async () => {
    const w = word();
    const open = await published("EVERYONE", `Reset ${w} password`);
    const internal = await published("AGENTS", `Reset ${w} admin console`);
    const draft = await write(desk.agent, { title: `Reset ${w} draft`, requestTypeIds: [desk.type.id] });

    const employeeSearch = await rankArticles({ actor: desk.requester, query: { websearch: w }, limit: 10 });
    expect(employeeSearch.map((a) => a.id)).toEqual([open.id]);
    const agentSearch = await rankArticles({ actor: desk.agent, query: { websearch: w }, limit: 10 });
    expect(agentSearch.map((a) => a.id).sort()).toEqual([open.id, internal.id].sort());
    // Another department's agent is an employee here.
    expect((await rankArticles({ actor: desk.outsiderAgent, query: { websearch: w }, limit: 10 })).map((a) => a.id)).toEqual([open.id]);

    const suggested = await suggestArticles({ actor: desk.requester, input: { typeId: desk.type.id, title: `reset ${w.slice(0, 6)}` } });
    expect(suggested.map((s) => s.id)).toEqual([open.id]);

    await expectAppError(getArticle({ actor: desk.requester, departmentKey: desk.provider.key, slug: internal.slug }), "NOT_FOUND");
    await expectAppError(getArticle({ actor: desk.requester, departmentKey: desk.provider.key, slug: draft.slug }), "NOT_FOUND");
    await expectAppError(voteArticle({ actor: desk.requester, input: { articleId: internal.id, helpful: true } }), "NOT_FOUND");
    await expectAppError(recordDeflection({ actor: desk.requester, input: { articleId: internal.id, typeId: desk.type.id } }), "NOT_FOUND");

    const request = await file();
    const refused = await expectAppError(articleForReply({ actor: desk.agent, input: { requestId: request.id, articleId: internal.id, mode: "text" } }), "FORBIDDEN");
    expect(refused.userMessage).toMatch(/agents only/);
    await expectAppError(articleForReply({ actor: desk.requester, input: { requestId: request.id, articleId: open.id } }), "FORBIDDEN");
    await expectAppError(articleForReply({ actor: desk.outsiderAgent, input: { requestId: request.id, articleId: open.id } }), "NOT_FOUND");
    const { text } = await articleForReply({ actor: desk.agent, input: { requestId: request.id, articleId: open.id, mode: "text" } });
    expect(text).toContain(`Reset ${w} password`);
    expect(text).toContain(`/knowledge/${desk.provider.key}/${open.slug}`);
  });

  it("not by email: a flag notifies the owner only while the owner may still read it", async () => {
    const internal = await published("AGENTS", `Internal ${word()}`);
    await flagArticleOutdated({ actor: desk.head, input: { articleId: internal.id, note: "Console moved" } });
    const mails = await db().emailDelivery.findMany({ where: { personId: desk.agent.id, kind: "article_flagged" } });
    expect(mails).toHaveLength(1);
    await expectAppError(flagArticleOutdated({ actor: desk.outsiderAgent, input: { articleId: internal.id, note: "x" } }), "NOT_FOUND");
    await expectAppError(flagArticleOutdated({ actor: desk.requester, input: { articleId: internal.id, note: "x" } }), "FORBIDDEN");
    // The owner leaves the department: no email about an internal article reaches them any more.
    await db().roleGrant.deleteMany({ where: { personId: desk.agent.id } });
    await flagArticleOutdated({ actor: desk.head, input: { articleId: internal.id, note: "Still wrong" } });
    expect(await db().emailDelivery.count({ where: { personId: desk.agent.id, kind: "article_flagged" } })).toBe(1);
  });
});

describe("filing, deflection, votes and the head's figures", () => {
  it("suggests the type's articles first, counts a deflection per type, one vote per person, views and resolutions with an article", async () => {
    const w = word();
    const other = await write(desk.agent, { title: `Monitor ${w} flickers`, body: "Check the cable." });
    await publish(desk.head, other.id);
    const best = await published("EVERYONE", `Monitor ${w} is dark`, "Press the power button.");
    const suggested = await suggestArticles({ actor: desk.requester, input: { typeId: desk.type.id, title: `monitor ${w}` } });
    expect(suggested[0]?.id).toBe(best.id);
    expect(await suggestArticles({ actor: desk.requester, input: { typeId: desk.type.id, title: "  " } })).toEqual([]);
    await expectAppError(suggestArticles({ actor: desk.requester, input: { typeId: "missing", title: "x" } }), "NOT_FOUND");

    const requestsBefore = await db().request.count({ where: { requesterId: desk.requester.id } });
    await recordDeflection({ actor: desk.requester, input: { articleId: best.id, typeId: desk.type.id } });
    expect(await db().request.count({ where: { requesterId: desk.requester.id } })).toBe(requestsBefore);

    await voteArticle({ actor: desk.requester, input: { articleId: best.id, helpful: true } });
    await voteArticle({ actor: desk.requester, input: { articleId: best.id, helpful: false } });
    await voteArticle({ actor: desk.outsiderAgent, input: { articleId: best.id, helpful: "true" } });
    // Views are people: the requester's reload and a preview that does not count add nothing; a second reader does.
    const before = await db().article.findUniqueOrThrow({ where: { id: best.id }, select: { updatedAt: true } });
    await getArticle({ actor: desk.requester, departmentKey: desk.provider.key, slug: best.slug });
    await getArticle({ actor: desk.requester, departmentKey: desk.provider.key, slug: best.slug });
    await getArticle({ actor: desk.outsiderAgent, departmentKey: desk.provider.key, slug: best.slug, countView: false });
    expect(await db().article.findUniqueOrThrow({ where: { id: best.id }, select: { viewCount: true, updatedAt: true } })).toEqual({ viewCount: 1, updatedAt: before.updatedAt });
    await getArticle({ actor: desk.outsiderAgent, departmentKey: desk.provider.key, slug: best.slug });
    expect(await db().articleView.count({ where: { articleId: best.id } })).toBe(2);

    const request = await file(`Monitor ${w}`);
    await articleForReply({ actor: desk.agent, input: { requestId: request.id, articleId: best.id } });
    await updateRequest({ actor: desk.agent, input: { requestId: request.id, expectedVersion: 1, status: "RESOLVED" } });
    await db().article.update({ where: { id: other.id }, data: { reviewBy: new Date(Date.now() - 86_400_000) } });

    await expectAppError(knowledgeInsights({ actor: desk.agent, departmentId: desk.provider.id }), "FORBIDDEN");
    const figures = await knowledgeInsights({ actor: desk.head, departmentId: desk.provider.id });
    const row = figures.articles.find((a) => a.id === best.id)!;
    expect(row).toMatchObject({ views: 2, helpful: 1, notHelpful: 1, deflections: 1, resolvedWith: 1, pastReview: false });
    expect(figures.articles.find((a) => a.id === other.id)?.pastReview).toBe(true);
    expect(figures.deflectionsByType.find((t) => t.typeId === desk.type.id)?.deflections).toBe(1);
    expect(figures.totals).toMatchObject({ deflections: 1, resolvedWithArticle: 1, pastReview: 1 });
  });
});

describe("the head's known issues", () => {
  it("lists the department's known issues, in force first, with their followers; nobody else sees them", async () => {
    const current = await announceKnownIssue({ actor: desk.agent, input: { departmentId: desk.provider.id, title: `Printers down ${word()}` } });
    const ended = await announceKnownIssue({ actor: desk.agent, input: { departmentId: desk.provider.id, title: `Lift stuck ${word()}` } });
    await followKnownIssue({ actor: desk.requester, input: { knownIssueId: ended.id } });
    await followKnownIssue({ actor: desk.outsiderAgent, input: { knownIssueId: ended.id } });
    await followKnownIssue({ actor: desk.requester, input: { knownIssueId: current.id } });
    await endKnownIssue({ actor: desk.agent, input: { knownIssueId: ended.id } });
    const rows = await departmentKnownIssues({ actor: desk.head, departmentId: desk.provider.id });
    expect(rows.map((r) => [r.id, r.followers, r.endedAt === null])).toEqual([[current.id, 1, true], [ended.id, 2, false]]);
    for (const actor of [desk.agent, desk.requester, desk.outsiderAgent]) await expectAppError(departmentKnownIssues({ actor, departmentId: desk.provider.id }), "FORBIDDEN");
  });
});

describe("from requests to knowledge", () => {
  it("a resolved request becomes a draft with its public answers and never its internal notes", async () => {
    const request = await file("VPN drops every hour");
    await addComment({ actor: desk.agent, input: { requestId: request.id, body: "Update the client to 5.2.", visibility: "PUBLIC" } });
    await addComment({ actor: desk.agent, input: { requestId: request.id, body: "secret-admin-password", visibility: "INTERNAL" } });
    await expectAppError(draftArticleFromRequest({ actor: desk.agent, input: { requestId: request.id } }), "CONFLICT");
    const { version } = await db().request.findUniqueOrThrow({ where: { id: request.id } });
    await updateRequest({ actor: desk.agent, input: { requestId: request.id, expectedVersion: version, status: "RESOLVED" } });
    await expectAppError(draftArticleFromRequest({ actor: desk.requester, input: { requestId: request.id } }), "FORBIDDEN");
    await expectAppError(draftArticleFromRequest({ actor: desk.outsiderAgent, input: { requestId: request.id } }), "NOT_FOUND");
    const draft = await draftArticleFromRequest({ actor: desk.agent, input: { requestId: request.id } });
    const article = await db().article.findUniqueOrThrow({ where: { id: draft.id } });
    expect(article).toMatchObject({ title: "VPN drops every hour", publishedVersion: null, sourceRequestId: request.id, requestTypeIds: [desk.type.id] });
    expect(article.body).toContain("Update the client to 5.2.");
    expect(article.body).not.toContain("secret-admin-password");
  });

  it("flagging from a request marks the article outdated until a new version is published", async () => {
    const a = await published("EVERYONE", `Wifi ${word()}`);
    const request = await file();
    const other = await seedPerson({ departmentId: desk.other.id });
    await expectAppError(flagArticleOutdated({ actor: await actorOf(other.id), input: { articleId: a.id, note: "old" } }), "FORBIDDEN");
    await expectAppError(flagArticleOutdated({ actor: desk.agent, input: { articleId: a.id, note: "  " } }), "INVALID_INPUT");
    await flagArticleOutdated({ actor: desk.agent, input: { articleId: a.id, requestId: request.id, note: "The SSID changed" } });
    expect((await db().article.findUniqueOrThrow({ where: { id: a.id } })).outdatedNote).toMatch(/SSID changed \(from /);
    await editArticle({ actor: desk.agent, input: { articleId: a.id, expectedVersion: 1, title: "Wifi new SSID", body: "Use Corp-5G." } });
    await publishArticle({ actor: desk.head, input: { articleId: a.id, version: 2 } });
    expect((await db().article.findUniqueOrThrow({ where: { id: a.id } })).outdatedAt).toBeNull();
  });
});
