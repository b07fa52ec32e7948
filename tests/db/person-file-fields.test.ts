import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { toRequestDetail } from "@/lib/api/serialize";
import { db } from "@/lib/db/client";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import type { FieldDefinitionInput } from "@/lib/validation/fields";
import { exeBytes, pngBytes } from "../support/files";
import { seedDesk, seedPerson, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

// Before any module reads the settings: a files folder of this run.
const filesRoot = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/desk-field-files-test-${process.pid}-${Date.now()}`;
  process.env.DESK_FILES_DIR = dir;
  return dir;
});

const storedFiles = () =>
  fs.existsSync(filesRoot) ? fs.readdirSync(filesRoot, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : [];

const upload = (bytes: Uint8Array, name: string) => new File([new Uint8Array(bytes)], name, { type: "application/octet-stream" });

const fields: FieldDefinitionInput[] = [
  { key: "manager", label: "Approving manager", kind: "person", required: true },
  { key: "deputy", label: "Deputy", kind: "person" },
  { key: "quote", label: "Quote", kind: "file", required: true },
  { key: "photo", label: "Photo", kind: "file" },
];

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
let manager: { id: string; name: string };

beforeEach(async () => {
  desk = await seedDesk(fields);
  manager = await seedPerson({ departmentId: desk.other.id, name: `Manager ${uid()}` });
});

afterAll(() => {
  fs.rmSync(filesRoot, { recursive: true, force: true });
});

const input = (fieldValues: Record<string, unknown>) => ({ typeId: desk.type.id, title: "New monitor", description: "The old one flickers.", submissionKey: `key-${uid()}`, fieldValues });
const requestCount = () => db().request.count({ where: { typeId: desk.type.id } });

describe("person and file fields", () => {
  it("stores the person's id and the attachments' ids, and shows the name and the files", async () => {
    const filed = await fileRequest({
      actor: desk.requester,
      input: input({ manager: manager.id, quote: ["forged-attachment-id"] }),
      fieldFiles: { quote: [upload(pngBytes(), "quote.png")] },
      files: [upload(pngBytes(), "other.png")],
    });
    const row = await db().request.findUniqueOrThrow({ where: { id: filed.id }, select: { fieldValues: true } });
    const attachments = await db().attachment.findMany({ where: { requestId: filed.id }, orderBy: { fileName: "asc" } });
    expect(attachments.map((a) => a.fileName)).toEqual(["other.png", "quote.png"]);
    const quote = attachments.find((a) => a.fileName === "quote.png")!;
    // The caller's "forged-attachment-id" is ignored: a file field holds only what was uploaded for it.
    expect(row.fieldValues).toEqual({ manager: manager.id, quote: [quote.id] });

    for (const actor of [desk.requester, desk.agent]) {
      const view = await getRequest({ actor, reference: filed.reference });
      expect(view.fields).toEqual([
        { key: "manager", label: "Approving manager", kind: "person", value: manager.id, person: { id: manager.id, name: manager.name } },
        { key: "quote", label: "Quote", kind: "file", value: [quote.id], files: [expect.objectContaining({ id: quote.id, fileName: "quote.png", contentType: "image/png" })] },
      ]);
      // The field's file is listed with its field, not again among the request's own files.
      expect(view.attachments.map((a) => a.fileName)).toEqual(["other.png"]);
      expect(toRequestDetail(view).fields[0]).toMatchObject({ key: "manager", person: { name: manager.name } });
    }
    const events = await db().requestEvent.count({ where: { requestId: filed.id, type: "attachment_added" } });
    expect(events).toBe(2);
  });

  it("refuses an unknown or deactivated person beside the field, filing nothing", async () => {
    const before = storedFiles();
    const unknown = await expectAppError(fileRequest({ actor: desk.requester, input: input({ manager: "nobody-by-this-id" }), fieldFiles: { quote: [upload(pngBytes(), "q.png")] } }), "INVALID_INPUT");
    expect(unknown.fieldErrors).toEqual({ manager: ["Choose an active co-worker for Approving manager"] });
    const gone = await seedPerson({ departmentId: desk.other.id, active: false });
    const inactive = await expectAppError(fileRequest({ actor: desk.requester, input: input({ manager: manager.id, deputy: gone.id }), fieldFiles: { quote: [upload(pngBytes(), "q.png")] } }), "INVALID_INPUT");
    expect(inactive.fieldErrors).toEqual({ deputy: ["Choose an active co-worker for Deputy"] });
    const junk = await expectAppError(fileRequest({ actor: desk.requester, input: input({ manager: { id: manager.id } }), fieldFiles: { quote: [upload(pngBytes(), "q.png")] } }), "INVALID_INPUT");
    expect(Object.keys(junk.fieldErrors!)).toEqual(["manager"]);
    expect(await requestCount()).toBe(0);
    expect(storedFiles()).toEqual(before);
  });

  it("refuses a missing required file and a file of the wrong kind beside its field, storing nothing", async () => {
    const before = storedFiles();
    const missing = await expectAppError(fileRequest({ actor: desk.requester, input: input({ manager: manager.id }) }), "INVALID_INPUT");
    expect(missing.fieldErrors).toEqual({ quote: ["Attach a file to Quote"] });
    const wrong = await expectAppError(
      fileRequest({ actor: desk.requester, input: input({ manager: manager.id }), fieldFiles: { quote: [upload(pngBytes(), "q.png")], photo: [upload(exeBytes(), "photo.png")] } }),
      "INVALID_INPUT",
    );
    expect(Object.keys(wrong.fieldErrors!)).toEqual(["photo"]);
    expect(wrong.fieldErrors!.photo![0]).toMatch(/^Photo: “photo.png” is not a kind of file the desk accepts/);
    expect(await requestCount()).toBe(0);
    expect(await db().attachment.count({ where: { request: { typeId: desk.type.id } } })).toBe(0);
    expect(storedFiles()).toEqual(before);
  });
});
