import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { text } from "node:stream/consumers";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { downloadResponse } from "@/lib/attachments/download-response";
import { openAttachment } from "@/lib/attachments/open-attachment";
import { prepareUploads } from "@/lib/attachments/prepare-uploads";
import { withStoredFiles } from "@/lib/attachments/record-attachments";
import { db } from "@/lib/db/client";
import { addComment } from "@/lib/requests/add-comment";
import { addWatcher } from "@/lib/requests/add-watcher";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import { filesDir } from "@/lib/storage/current-storage";
import { localFolderStorage } from "@/lib/storage/local-folder";
import { newStorageKey, StorageMissingError } from "@/lib/storage/storage";
import { docxBytes, exeBytes, pngBytes } from "../support/files";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

// Before any module reads the settings: a files folder of this run, and a 1 MB limit so "too large" stays small.
const filesRoot = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/desk-files-test-${process.pid}-${Date.now()}`;
  process.env.DESK_FILES_DIR = dir;
  process.env.DESK_MAX_ATTACHMENT_MB = "1";
  return dir;
});

type Desk = Awaited<ReturnType<typeof seedDesk>>;


/** Every stored file (temporary ones too), so a test can say "nothing was left behind". */
function storedFiles(): string[] {
  if (!fs.existsSync(filesRoot)) return [];
  return fs.readdirSync(filesRoot, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const upload = (bytes: Uint8Array, name: string, type = "application/octet-stream") => new File([new Uint8Array(bytes)], name, { type });
const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

let desk: Desk;
let requestId: string;
let reference: string;

beforeEach(async () => {
  desk = await seedDesk();
  const filed = await fileRequest({
    actor: desk.requester,
    input: { typeId: desk.type.id, title: "Printer jams", description: "Every second page jams.", submissionKey: `key-${uid()}` },
  });
  requestId = filed.id;
  reference = filed.reference;
});

afterAll(() => {
  fs.rmSync(filesRoot, { recursive: true, force: true });
});

async function snapshot() {
  const [comments, attachments, events] = await Promise.all([
    db().comment.count({ where: { requestId } }),
    db().attachment.count({ where: { requestId } }),
    db().requestEvent.count({ where: { requestId } }),
  ]);
  return { comments, attachments, events, files: storedFiles().length };
}

describe("attaching files to a reply", () => {
  it("stores the file under a random key with its sniffed type, records it with an event, and gives it back", async () => {
    expect(filesDir()).toBe(path.resolve(filesRoot));
    const png = pngBytes();
    // The browser's claim (text/html) and the upper-case extension are not what is stored.
    const { commentId } = await addComment({
      actor: desk.requester,
      input: { requestId, body: "Here is what the display shows." },
      files: [upload(png, "Display ERROR.PNG", "text/html")],
    });

    const rows = await db().attachment.findMany({ where: { commentId } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ requestId, fileName: "Display ERROR.PNG", contentType: "image/png", size: png.length, sha256: sha256(png), uploadedById: desk.requester.id });
    expect(row.storageKey).toMatch(/^[a-f0-9]{32}$/);
    expect(row.storageKey).not.toContain("Display");
    expect(storedFiles().some((f) => f.endsWith(row.storageKey))).toBe(true);

    const events = await db().requestEvent.findMany({ where: { requestId, type: "attachment_added" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(desk.requester.id);
    expect(events[0]!.to).toMatchObject({ attachmentId: row.id, commentId, fileName: "Display ERROR.PNG", visibility: "PUBLIC" });

    // The agent of the department downloads exactly the bytes uploaded.
    const opened = await openAttachment({ actor: desk.agent, id: row.id });
    const response = downloadResponse(opened);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toMatch(/^private/);
    expect(response.headers.get("content-disposition")).toBe(`inline; filename="Display ERROR.PNG"; filename*=UTF-8''Display%20ERROR.PNG`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);

    // And the request page lists it under its reply, for the requester too.
    const view = await getRequest({ actor: desk.requester, reference });
    const comment = view.timeline.find((t) => t.kind === "comment" && t.id === commentId);
    expect(comment && comment.kind === "comment" ? comment.attachments : []).toEqual([{ id: row.id, fileName: "Display ERROR.PNG", contentType: "image/png", size: png.length }]);
    expect(view.timeline.some((t) => t.kind === "event" && t.type === "attachment_added")).toBe(false);
  });

  it("offers anything but images and PDFs as a download, never inline", async () => {
    await addComment({ actor: desk.agent, input: { requestId, body: "The form to fill in." }, files: [upload(docxBytes(), "Formular Drucker (neu).docx")] });
    const row = await db().attachment.findFirstOrThrow({ where: { requestId } });
    expect(row.contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const response = downloadResponse(await openAttachment({ actor: desk.requester, id: row.id }));
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Formular Drucker (neu).docx"; filename*=UTF-8''Formular%20Drucker%20%28neu%29.docx`,
    );
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    await response.body?.cancel();
  });

  it("refuses an executable renamed to .png, and saves nothing", async () => {
    const before = await snapshot();
    const error = await expectAppError(
      addComment({ actor: desk.requester, input: { requestId, body: "Screenshot attached" }, files: [upload(pngBytes(), "fine.png"), upload(exeBytes(), "screenshot.png", "image/png")] }),
      "INVALID_INPUT",
    );
    expect(error.fieldErrors?.attachments).toEqual([expect.stringMatching(/“screenshot\.png” is not a kind of file the desk accepts/)]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a file over the size limit, and saves nothing: no row, no file, no event", async () => {
    const before = await snapshot();
    const big = new Uint8Array(1024 * 1024 + 1).fill(0x41); // valid text, one byte over 1 MB
    const error = await expectAppError(
      addComment({ actor: desk.requester, input: { requestId, body: "The log" }, files: [upload(big, "printer.log")] }),
      "INVALID_INPUT",
    );
    expect(error.userMessage).toBe("“printer.log” is larger than 1 MB, the most one file may be.");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses more files than one reply may carry, and empty files", async () => {
    const before = await snapshot();
    const six = Array.from({ length: 6 }, (_, i) => upload(pngBytes(), `p${i}.png`));
    expect((await expectAppError(addComment({ actor: desk.requester, input: { requestId, body: "Six" }, files: six }), "INVALID_INPUT")).userMessage).toMatch(/at most 5 files/);
    await expectAppError(addComment({ actor: desk.requester, input: { requestId, body: "Empty" }, files: [upload(new Uint8Array(), "empty.txt")] }), "INVALID_INPUT");
    expect(await snapshot()).toEqual(before);
    // The nameless empty part an untouched file input submits is no file at all.
    await addComment({ actor: desk.requester, input: { requestId, body: "No file" }, files: [upload(new Uint8Array(), "")] });
    expect(await db().attachment.count({ where: { requestId } })).toBe(0);
  });
});

describe("who may download", () => {
  it("hides a file of an internal note from the requester, a watcher and another department's agent", async () => {
    const watcher = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
    await addWatcher({ actor: desk.requester, input: { requestId, personId: watcher.id } });
    const { commentId } = await addComment({ actor: desk.agent, input: { requestId, body: "Vendor quote, do not share", visibility: "INTERNAL" }, files: [upload(pngBytes(), "quote.png")] });
    const id = (await db().attachment.findFirstOrThrow({ where: { commentId } })).id;

    for (const actor of [desk.requester, watcher, desk.outsiderAgent]) await expectAppError(openAttachment({ actor, id }), "NOT_FOUND");
    for (const actor of [desk.agent, desk.head]) (await openAttachment({ actor, id })).body.destroy();

    const event = await db().requestEvent.findFirstOrThrow({ where: { requestId, type: "attachment_added" } });
    expect(event.to).toMatchObject({ visibility: "INTERNAL" });
    const asRequester = await getRequest({ actor: desk.requester, reference });
    expect(JSON.stringify(asRequester)).not.toContain("quote.png");
  });

  it("hides a public reply's file from people who cannot see the request, and unknown ids are not found", async () => {
    const { commentId } = await addComment({ actor: desk.requester, input: { requestId, body: "Photo" }, files: [upload(pngBytes(), "jam.png")] });
    const id = (await db().attachment.findFirstOrThrow({ where: { commentId } })).id;
    const stranger = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
    for (const actor of [stranger, desk.outsiderAgent]) await expectAppError(openAttachment({ actor, id }), "NOT_FOUND");
    await expectAppError(openAttachment({ actor: desk.agent, id: "does-not-exist" }), "NOT_FOUND");
    await expectAppError(openAttachment({ actor: desk.agent, id: "x".repeat(500) }), "NOT_FOUND");
  });

  it("answers not found, and logs, when the row's file is gone from storage", async () => {
    const { commentId } = await addComment({ actor: desk.requester, input: { requestId, body: "Photo" }, files: [upload(pngBytes(), "gone.png")] });
    const row = await db().attachment.findFirstOrThrow({ where: { commentId } });
    fs.rmSync(path.join(filesRoot, row.storageKey.slice(0, 2), row.storageKey));
    await expectAppError(openAttachment({ actor: desk.agent, id: row.id }), "NOT_FOUND");
  });
});

describe("attaching files when filing a request", () => {
  it("records them on the request in the filing transaction, visible to requester and agents", async () => {
    const key = `key-${uid()}`;
    const input = { typeId: desk.type.id, title: "Broken chair", description: "See photo", submissionKey: key };
    const filed = await fileRequest({ actor: desk.requester, input, files: [upload(pngBytes(), "chair.png"), upload(new TextEncoder().encode("a,b\n1,2\n"), "parts.csv")] });
    const rows = await db().attachment.findMany({ where: { requestId: filed.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.fileName, r.contentType, r.commentId])).toEqual([
      ["chair.png", "image/png", null],
      ["parts.csv", "text/csv", null],
    ]);
    const events = await db().requestEvent.findMany({ where: { requestId: filed.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["created", "attachment_added", "attachment_added"]);
    expect(new Set(events.map((e) => e.createdAt.getTime())).size).toBe(1);

    const view = await getRequest({ actor: desk.requester, reference: filed.reference });
    expect(view.attachments.map((a) => a.fileName)).toEqual(["chair.png", "parts.csv"]);
    expect(await text((await openAttachment({ actor: desk.agent, id: rows[1]!.id })).body)).toBe("a,b\n1,2\n");

    // The same form sent again files nothing and stores nothing more.
    const files = storedFiles().length;
    const again = await fileRequest({ actor: desk.requester, input, files: [upload(pngBytes(), "chair.png")] });
    expect(again).toMatchObject({ id: filed.id, created: false });
    expect(storedFiles().length).toBe(files);
  });

  it("files nothing when a file is refused", async () => {
    const key = `key-${uid()}`;
    await expectAppError(
      fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Virus?", description: "x", submissionKey: key }, files: [upload(exeBytes(), "invoice.pdf")] }),
      "INVALID_INPUT",
    );
    expect(await db().request.count({ where: { submissionKey: key } })).toBe(0);
  });
});

describe("no orphan files", () => {
  it("removes the stored file when the transaction fails (a reply to a closed request)", async () => {
    await db().request.update({ where: { id: requestId }, data: { status: "CLOSED" } });
    const before = await snapshot();
    await expectAppError(addComment({ actor: desk.requester, input: { requestId, body: "One more thing" }, files: [upload(pngBytes(), "late.png")] }), "FORBIDDEN");
    expect(await snapshot()).toEqual(before);
  });

  it("removes every file already stored when the work after storing throws", async () => {
    const before = storedFiles().length;
    const prepared = await prepareUploads([upload(pngBytes(), "a.png"), upload(docxBytes(), "b.docx")]);
    let keys: string[] = [];
    await expect(
      withStoredFiles(prepared, async (stored) => {
        keys = stored.map((s) => s.storageKey);
        expect(storedFiles().length).toBe(before + 2);
        throw new Error("database went away");
      }),
    ).rejects.toThrow("database went away");
    expect(keys).toHaveLength(2);
    expect(storedFiles().length).toBe(before);
  });
});

describe("local-folder storage", () => {
  it("writes through a temporary file, reads back, deletes, and refuses keys it did not make", async () => {
    const root = path.join(filesRoot, `driver-${uid()}`);
    const store = localFolderStorage(root);
    const key = newStorageKey();
    await store.put(key, new TextEncoder().encode("hello"));
    expect(fs.readdirSync(path.join(root, key.slice(0, 2)))).toEqual([key]);
    expect(await text(await store.get(key))).toBe("hello");
    await store.delete(key);
    await store.delete(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(StorageMissingError);
    await expect(store.put("../../etc/passwd", new Uint8Array([1]))).rejects.toThrow(/invalid storage key/);
  });
});
