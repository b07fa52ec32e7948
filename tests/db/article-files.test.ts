// Images and files of knowledge articles (lib/knowledge/upload-article-file.ts, open-article-file.ts)
// on the real database and a real files folder: uploaded by the article's writers through the same
// checks as attachments, opened by writers from upload (drafts too) and by readers only while the
// published version they may read shows the file; everyone else gets "not found".
import fs from "node:fs";
import { text } from "node:stream/consumers";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { createArticle } from "@/lib/knowledge/create-article";
import { editArticle } from "@/lib/knowledge/edit-article";
import { openArticleFile } from "@/lib/knowledge/open-article-file";
import { publishArticle } from "@/lib/knowledge/publish-article";
import { uploadArticleFile } from "@/lib/knowledge/upload-article-file";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDesk, seedPerson } from "../support/factories";
import { exeBytes, pngBytes } from "../support/files";

const filesRoot = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/desk-article-files-test-${process.pid}-${Date.now()}`;
  process.env.DESK_FILES_DIR = dir;
  process.env.DESK_MAX_ATTACHMENT_MB = "1";
  return dir;
});

let desk: Awaited<ReturnType<typeof seedDesk>>;
afterAll(() => fs.rmSync(filesRoot, { recursive: true, force: true }));
beforeEach(async () => {
  desk = await seedDesk();
});

const upload = (bytes: Uint8Array, name: string) => new File([new Uint8Array(bytes)], name, { type: "text/html" });
const storedCount = () => (fs.existsSync(filesRoot) ? fs.readdirSync(filesRoot, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0);

async function article(visibility: "EVERYONE" | "AGENTS" = "EVERYONE") {
  return createArticle({ actor: desk.agent, input: { departmentId: desk.provider.id, title: `Toner ${Math.random()}`, body: "Open the front cover.", visibility } });
}

async function edit(articleId: string, body: string, visibility: "EVERYONE" | "AGENTS" = "EVERYONE") {
  const a = await db().article.findUniqueOrThrow({ where: { id: articleId } });
  await editArticle({ actor: desk.agent, input: { articleId, expectedVersion: a.latestVersion, title: a.title, body, visibility } });
  return publishArticle({ actor: desk.head, input: { articleId, version: a.latestVersion + 1 } });
}

const opens = async (actor: Actor, id: string) =>
  openArticleFile({ actor, id }).then(
    async (f) => (await text(f.body), true),
    () => false,
  );

describe("article images and files", () => {
  it("a writer uploads an image: sniffed, stored, audited, and given back as Markdown to put in the article", async () => {
    const a = await article();
    const [file] = await uploadArticleFile({ actor: desk.agent, input: { articleId: a.id }, files: [upload(pngBytes(), "Toner slot.PNG")] });
    expect(file).toMatchObject({ contentType: "image/png", markdown: `![Toner slot.PNG](/api/article-files/${file!.id})` });
    expect(await db().articleFile.count({ where: { articleId: a.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "knowledge.article_files_added", subject: `article:${a.id}` } })).toBe(1);
    const opened = await openArticleFile({ actor: desk.agent, id: file!.id });
    expect(opened).toMatchObject({ contentType: "image/png", fileName: "Toner slot.PNG" });
    opened.body.destroy();
  });

  it("refuses what attachments refuse, and anyone but the article's writers; nothing is stored", async () => {
    const a = await article();
    const before = storedCount();
    const refused = await expectAppError(uploadArticleFile({ actor: desk.agent, input: { articleId: a.id }, files: [upload(exeBytes(), "guide.pdf")] }), "INVALID_INPUT");
    expect(refused.fieldErrors?.attachments?.[0]).toMatch(/not a kind of file the desk accepts/);
    await expectAppError(uploadArticleFile({ actor: desk.agent, input: { articleId: a.id }, files: [] }), "INVALID_INPUT");
    await expectAppError(uploadArticleFile({ actor: desk.agent, input: { articleId: a.id }, files: [upload(new Uint8Array(1024 * 1024 + 1).fill(65), "big.txt")] }), "INVALID_INPUT");
    // A draft is not there for anyone but its writers; an outsider agent and a requester are told so.
    await expectAppError(uploadArticleFile({ actor: desk.requester, input: { articleId: a.id }, files: [upload(pngBytes(), "x.png")] }), "NOT_FOUND");
    await expectAppError(uploadArticleFile({ actor: desk.outsiderAgent, input: { articleId: a.id }, files: [upload(pngBytes(), "x.png")] }), "NOT_FOUND");
    await publishArticle({ actor: desk.head, input: { articleId: a.id, version: 1 } });
    // Once published, a reader may read it but not add to it.
    await expectAppError(uploadArticleFile({ actor: desk.requester, input: { articleId: a.id }, files: [upload(pngBytes(), "x.png")] }), "FORBIDDEN");
    await expectAppError(uploadArticleFile({ actor: desk.agent, input: { articleId: "no-such-article" }, files: [upload(pngBytes(), "x.png")] }), "NOT_FOUND");
    expect(await db().articleFile.count({ where: { articleId: a.id } })).toBe(0);
    expect(storedCount()).toBe(before);
  });

  it("readers open a file only while the published version they may read shows it; writers see drafts' files", async () => {
    const a = await article();
    const [file] = await uploadArticleFile({ actor: desk.agent, input: { articleId: a.id }, files: [upload(pngBytes(), "slot.png")] });
    const colleague = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] })).id);
    // A draft that shows it: its writers (any agent of the department) see it, nobody else.
    await editArticle({ actor: desk.agent, input: { articleId: a.id, expectedVersion: 1, title: "Toner", body: `Look here: ${file!.markdown}`, visibility: "EVERYONE" } });
    expect(await opens(desk.agent, file!.id)).toBe(true);
    expect(await opens(colleague, file!.id)).toBe(true);
    expect(await opens(desk.requester, file!.id)).toBe(false);
    expect(await opens(desk.outsiderAgent, file!.id)).toBe(false);

    // Published with the file: every reader opens it.
    await publishArticle({ actor: desk.head, input: { articleId: a.id, version: 2 } });
    expect(await opens(desk.requester, file!.id)).toBe(true);
    expect(await opens(desk.outsiderAgent, file!.id)).toBe(true);

    // A new draft without it does not change what readers see until it is published.
    await editArticle({ actor: desk.agent, input: { articleId: a.id, expectedVersion: 2, title: "Toner", body: "No picture any more.", visibility: "EVERYONE" } });
    expect(await opens(desk.requester, file!.id)).toBe(true);
    await publishArticle({ actor: desk.head, input: { articleId: a.id, version: 3 } });
    expect(await opens(desk.requester, file!.id)).toBe(false);
    expect(await opens(desk.agent, file!.id)).toBe(true);
  });

  it("an agents-only article's files never reach an employee or another department's agent, even when the article shows them", async () => {
    const a = await article("AGENTS");
    const [file] = await uploadArticleFile({ actor: desk.agent, input: { articleId: a.id }, files: [upload(pngBytes(), "key-safe.png")] });
    await edit(a.id, `The code is on the safe: ${file!.markdown}`, "AGENTS");
    expect(await opens(desk.head, file!.id)).toBe(true);
    expect(await opens(desk.requester, file!.id)).toBe(false);
    expect(await opens(desk.outsiderAgent, file!.id)).toBe(false);
    // Another article naming the file's path does not open it: the file's own article decides.
    const other = await article();
    await edit(other.id, `Borrowed: ![x](/api/article-files/${file!.id})`);
    expect(await opens(desk.requester, file!.id)).toBe(false);
    expect(await opens(desk.requester, "no-such-file")).toBe(false);
  });
});
