import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { transferRequest } from "@/lib/requests/transfer-request";
import { searchQuery, searchRequests, type SearchResult } from "@/lib/search/search-requests";
import { actorOf, seedDesk, seedPerson, seedRequestType, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;

let desk: Desk;
let watcher: Actor;

beforeEach(async () => {
  desk = await seedDesk();
  watcher = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
});

/** A word no other test's data contains, so the shared database never adds hits. */
const word = () => `w${uid()}`;

async function file(options: { title: string; description: string; actor?: Actor }) {
  return fileRequest({
    actor: options.actor ?? desk.requester,
    input: { typeId: desk.type.id, title: options.title, description: options.description, submissionKey: `k-${uid()}` },
  });
}

async function watch(requestId: string, person: Actor) {
  await db().watcher.create({ data: { requestId, personId: person.id } });
}

async function results(actor: Actor, query: string, cursor?: string) {
  const result = await searchRequests({ actor, query, cursor });
  if (result.kind !== "results") throw new Error(`expected results, got a jump to ${result.reference}`);
  return result;
}

const references = async (actor: Actor, query: string) => (await results(actor, query)).hits.map((h) => h.reference);
const snippetText = (hit: { snippet: { text: string }[] }) => hit.snippet.map((s) => s.text).join("");
const hitWords = (hit: { snippet: { text: string; hit: boolean }[] }) => hit.snippet.filter((s) => s.hit).map((s) => s.text);


describe("searching requests", () => {
  it("finds a word of the title, the description or a public reply for the requester, a watcher and the department's agents", async () => {
    const [inTitle, inDescription, inReply] = [word(), word(), word()];
    const filed = await file({ title: `Printer ${inTitle} jams`, description: `Paper gets stuck on floor 3 near ${inDescription}.` });
    await watch(filed.id, watcher);
    await addComment({ actor: desk.agent, input: { requestId: filed.id, body: `Replaced the roller, ${inReply} should be fine now`, visibility: "PUBLIC" } });

    for (const actor of [desk.requester, watcher, desk.agent, desk.head]) {
      for (const w of [inTitle, inDescription, inReply]) expect(await references(actor, w)).toEqual([filed.reference]);
    }
    const [fromReply] = (await results(watcher, inReply)).hits;
    expect(fromReply).toMatchObject({ title: `Printer ${inTitle} jams`, status: "OPEN", department: { key: desk.provider.key }, snippetFrom: "comment" });
    expect(hitWords(fromReply!)).toEqual([inReply]);
    const [fromDescription] = (await results(desk.requester, inDescription)).hits;
    expect(fromDescription!.snippetFrom).toBe("request");
    expect(hitWords(fromDescription!)).toEqual([inDescription]);

    for (const w of [inTitle, inDescription, inReply]) expect(await references(desk.outsiderAgent, w)).toEqual([]);
  });

  it("finds an internal note's words for agents of the department only, and never shows it to the requester", async () => {
    const [shared, secret, titleWord] = [word(), word(), word()];
    const filed = await file({ title: `Laptop ${titleWord}`, description: "It will not boot." });
    await watch(filed.id, watcher);
    await addComment({ actor: desk.agent, input: { requestId: filed.id, body: `${titleWord} ${shared} belongs to ${secret}, do not tell`, visibility: "INTERNAL" } });
    await addComment({ actor: desk.agent, input: { requestId: filed.id, body: `We ordered a ${shared} replacement part`, visibility: "PUBLIC" } });

    expect(await references(desk.agent, secret)).toEqual([filed.reference]);
    expect(await references(desk.head, secret)).toEqual([filed.reference]);
    for (const actor of [desk.requester, watcher, desk.outsiderAgent]) expect(await references(actor, secret)).toEqual([]);

    // Found through what they may read; the snippet comes from that, not from the note.
    for (const actor of [desk.requester, watcher]) {
      const [byShared] = (await results(actor, shared)).hits;
      expect(byShared!.snippetFrom).toBe("comment");
      expect(snippetText(byShared!)).toContain("replacement part");
      const [byTitle] = (await results(actor, titleWord)).hits;
      expect(byTitle!.snippetFrom).toBe("request");
      for (const hit of [byShared!, byTitle!]) expect(snippetText(hit)).not.toContain(secret);
    }
    const [agentView] = (await results(desk.agent, secret)).hits;
    expect(snippetText(agentView!)).toContain(secret);
    expect(await references(desk.outsiderAgent, shared)).toEqual([]);
  });

  it("understands quoted phrases and -exclusions", async () => {
    const w = word();
    const inOrder = await file({ title: `Door ${w}`, description: "The badge reader beeps twice and stays red." });
    const otherOrder = await file({ title: `Gate ${w}`, description: "It stays open. The reader badge beeps." });

    expect(await references(desk.agent, `${w} "badge reader"`)).toEqual([inOrder.reference]);
    expect(await references(desk.agent, `${w} -open`)).toEqual([inOrder.reference]);
    expect((await references(desk.agent, `${w} badge`)).sort()).toEqual([inOrder.reference, otherOrder.reference].sort());
    expect(await references(desk.agent, `${w} "badge reader" -twice`)).toEqual([]);
  });

  it("moves a request's comments to the receiving department on transfer, internal notes included", async () => {
    const secret = word();
    const filed = await file({ title: "Badge", description: "The card stopped working." });
    await addComment({ actor: desk.agent, input: { requestId: filed.id, body: `Card ${secret} was revoked by mistake`, visibility: "INTERNAL" } });
    await seedRequestType({ departmentId: desk.other.id });
    expect(await references(desk.outsiderAgent, secret)).toEqual([]);

    const { version } = await db().request.findUniqueOrThrow({ where: { id: filed.id }, select: { version: true } });
    const moved = await transferRequest({ actor: desk.agent, input: { requestId: filed.id, expectedVersion: version, toDepartmentId: desk.other.id, reason: "Theirs" } });

    expect(await db().comment.findMany({ where: { requestId: filed.id }, select: { departmentId: true } })).toEqual([{ departmentId: desk.other.id }]);
    expect(await references(desk.outsiderAgent, secret)).toEqual([moved.reference]);
    expect(await references(desk.agent, secret)).toEqual([]);
    expect(await references(desk.requester, secret)).toEqual([]);
  });

  it("ranks a hit in the title above one in a comment", async () => {
    const w = word();
    const inComment = await file({ title: "Projector", description: "No signal in room 2." });
    await addComment({ actor: desk.requester, input: { requestId: inComment.id, body: `Maybe the ${w} cable`, visibility: "PUBLIC" } });
    const inTitle = await file({ title: `Projector ${w}`, description: "No signal in room 3." });
    expect(await references(desk.requester, w)).toEqual([inTitle.reference, inComment.reference]);
  });

  it("jumps straight to a request number the actor may see, and searches the text otherwise", async () => {
    const filed = await file({ title: "Keys", description: "Lost my office keys." });
    for (const actor of [desk.requester, desk.agent]) {
      expect(await searchRequests({ actor, query: filed.reference })).toEqual({ kind: "jump", reference: filed.reference });
      expect(await searchRequests({ actor, query: ` ${filed.reference.toLowerCase()} ` })).toEqual({ kind: "jump", reference: filed.reference });
    }
    const outsider = await searchRequests({ actor: desk.outsiderAgent, query: filed.reference });
    expect(outsider).toMatchObject({ kind: "results", hits: [] });
  });

  it("pages 20 at a time with a cursor, pages disjoint and complete", async () => {
    const w = word();
    const filed: string[] = [];
    // Some titles say it twice so ranks differ as well as times.
    for (let i = 0; i < 45; i++) filed.push((await file({ title: `Chair ${i} ${w}${i % 3 === 0 ? ` ${w}` : ""}`, description: `Broken chair ${w}` })).reference);

    const seen: string[][] = [];
    let cursor: string | undefined;
    do {
      const page: SearchResult = await searchRequests({ actor: desk.agent, query: w, cursor });
      if (page.kind !== "results") throw new Error("expected results");
      seen.push(page.hits.map((h) => h.reference));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    expect(seen.map((p) => p.length)).toEqual([20, 20, 5]);
    expect(new Set(seen.flat()).size).toBe(45);
    expect(seen.flat().sort()).toEqual([...filed].sort());
    // Ties in rank come newest first: the twice-said titles lead, the last filed of them first.
    expect(seen[0]!.slice(0, 15)).toEqual(filed.filter((_, i) => i % 3 === 0).reverse());
  });

  it("refuses an empty or over-long search and a forged page link", async () => {
    await expectAppError(searchRequests({ actor: desk.requester, query: "" }), "INVALID_INPUT");
    await expectAppError(searchRequests({ actor: desk.requester, query: "   " }), "INVALID_INPUT");
    await expectAppError(searchRequests({ actor: desk.requester, query: "a".repeat(201) }), "INVALID_INPUT");
    await expectAppError(searchRequests({ actor: desk.requester, query: "chair", cursor: "not-a-cursor" }), "INVALID_INPUT");
    const forged = Buffer.from(JSON.stringify({ rank: "1; DROP TABLE x", createdAt: new Date().toISOString(), id: "x" })).toString("base64url");
    await expectAppError(searchRequests({ actor: desk.requester, query: "chair", cursor: forged }), "INVALID_INPUT");
    await expect(searchRequests({ actor: desk.requester, query: "a".repeat(200) })).resolves.toMatchObject({ kind: "results", hits: [] });
  });

  it("treats query syntax and SQL in the search as plain text", async () => {
    const w = word();
    const filed = await file({ title: `Sign ${w}`, description: `The sign says <b>"OPEN" & 'CLOSED'</b> | !done:* (really)` });
    const queries = [
      `'; DROP TABLE "Request"; --`,
      "&|!:*()",
      `"unclosed ${w}`,
      `${w} & !done:* | (really`,
      `${w} \\ $1 %s ?`,
      `<script>${w}</script>`,
      "\u0000\u0001 nul",
      "-",
      `-${w}`,
      `"" OR ''`,
    ];
    for (const query of queries) {
      const result = await searchRequests({ actor: desk.requester, query });
      expect(result.kind).toBe("results");
    }
    expect(await references(desk.requester, `"unclosed ${w}`)).toEqual([]);
    expect(await references(desk.requester, `${w} & !done:* | (really`)).toEqual([filed.reference]);
    expect(await results(desk.requester, `-${w}`)).toMatchObject({ hits: [], notice: expect.stringContaining("at least one word") });
    expect(await db().request.count({ where: { id: filed.id } })).toBe(1);
  });
});

describe("the search plan", () => {
  it("takes a word's matches in a department's requests and comments month by month from the fts_ GIN indexes", async () => {
    const agent = desk.agent;
    const rare = word();
    // A few thousand requests and comments in the agent's department, a handful with the rare word.
    await db().$executeRaw`
      INSERT INTO "Request" (id, "departmentId", number, "typeId", title, description, priority, "requesterId", "requesterDepartmentId", "submissionKey", "updatedAt")
      SELECT 'gen-' || ${rare} || '-' || g, ${desk.provider.id}, 100000 + g, ${desk.type.id},
             'Generated request ' || g, 'Common words about chairs desks and printers ' || CASE WHEN g % 1000 = 0 THEN ${rare} ELSE 'nothing' END,
             'NORMAL', ${desk.requester.id}, ${desk.other.id}, 'gen-' || ${rare} || '-' || g, now()
        FROM generate_series(1, 4000) g`;
    await db().$executeRaw`
      INSERT INTO "Comment" (id, "requestId", "departmentId", "authorId", body, visibility)
      SELECT 'genc-' || ${rare} || '-' || g, 'gen-' || ${rare} || '-' || (1 + g % 4000), ${desk.provider.id}, ${agent.id},
             'A reply about printers number ' || g || CASE WHEN g % 1500 = 0 THEN ' ' || ${rare} ELSE '' END, 'INTERNAL'
        FROM generate_series(1, 6000) g`;
    await db().$executeRawUnsafe(`ANALYZE "Request"`);
    await db().$executeRawUnsafe(`ANALYZE "Comment"`);

    // On a table this small a sequential scan is rightly cheaper, so it is ruled out to see that the
    // GIN indexes can serve the department branches at all (as they do at 1M requests, bench:pages).
    const plan = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${searchQuery({ actor: agent, query: rare, after: null })}`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    // Month by month from the department's newest, each month one lookup of the fts_ GIN indexes.
    expect(plan.match(/Function Scan on generate_series/g)).toHaveLength(2);
    expect(plan).toMatch(/Bitmap Index Scan on fts_request_vector/);
    expect(plan).toMatch(/Bitmap Index Scan on fts_comment_vector/);
    expect(await references(agent, rare)).toHaveLength(4 + 4);
  });
});
