import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentDisposition, formatFileSize, sanitizeFileName } from "@/lib/attachments/file-name";
import { parseEnv } from "@/lib/env";
import { acceptedTypes, sniffContentType, type AcceptedType } from "@/lib/attachments/sniff";
import { docxBytes, exeBytes, pngBytes, zipBytes } from "../support/files";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

describe("sniffing a file's type from its content", () => {
  it("recognises each accepted kind by its magic bytes", () => {
    expect(sniffContentType(pngBytes(), "x.png")?.contentType).toBe("image/png");
    expect(sniffContentType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "a.jpg")?.contentType).toBe("image/jpeg");
    expect(sniffContentType(bytes("GIF89a", [1, 0, 1, 0]), "a.gif")?.contentType).toBe("image/gif");
    expect(sniffContentType(bytes("GIF87a", [1, 0]))?.contentType).toBe("image/gif");
    expect(sniffContentType(bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "))?.contentType).toBe("image/webp");
    expect(sniffContentType(bytes("%PDF-1.7\n%\u00e2\u00e3"))?.contentType).toBe("application/pdf");
    expect(sniffContentType(docxBytes())).toBe(acceptedTypes.docx);
    expect(sniffContentType(zipBytes(["[Content_Types].xml", "xl/workbook.xml"]))).toBe(acceptedTypes.xlsx);
    expect(sniffContentType(zipBytes(["[Content_Types].xml", "ppt/presentation.xml"]))).toBe(acceptedTypes.pptx);
    expect(sniffContentType(bytes("Zimmer 4.12, kalt ☃\n"), "notes.txt")).toBe(acceptedTypes.text);
    expect(sniffContentType(bytes("room,floor\n4.12,4\n"), "Rooms.CSV")).toBe(acceptedTypes.csv);
  });

  it("ignores the name: an executable called photo.png is refused, a PNG called report.exe is a PNG", () => {
    expect(sniffContentType(exeBytes(), "photo.png")).toBeNull();
    expect(sniffContentType(pngBytes(), "report.exe")?.contentType).toBe("image/png");
  });

  it("refuses everything else", () => {
    expect(sniffContentType(new Uint8Array(), "empty.txt")).toBeNull();
    expect(sniffContentType(bytes([0x7f], "ELF", [2, 1, 1, 0]), "a.txt")).toBeNull();
    expect(sniffContentType(bytes("text with a NUL", [0]), "a.txt")).toBeNull();
    expect(sniffContentType(bytes([0xc3, 0x28]), "latin.txt")).toBeNull(); // not UTF-8
    expect(sniffContentType(zipBytes(["readme.txt", "setup.exe"]), "a.docx")).toBeNull(); // a plain ZIP
    expect(sniffContentType(zipBytes(["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"]), "a.docx")).toBeNull(); // macros
    expect(sniffContentType(bytes([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "a.docx")).toBeNull(); // truncated ZIP
    expect(sniffContentType(bytes([0x1f, 0x8b, 8, 0]), "a.gz")).toBeNull();
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string(), (data, name) => {
        const type = sniffContentType(data, name);
        expect(type === null || (Object.values(acceptedTypes) as AcceptedType[]).includes(type)).toBe(true);
      }),
    );
    // ZIP-looking bytes with a garbage directory.
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => void sniffContentType(bytes([0x50, 0x4b, 0x03, 0x04], [...tail], [0x50, 0x4b, 5, 6], [...tail].slice(0, 18)))));
  });
});

describe("file names", () => {
  it("keeps an ordinary name", () => {
    expect(sanitizeFileName("Screenshot 2026-11-23 at 10.15.png", acceptedTypes.png)).toBe("Screenshot 2026-11-23 at 10.15.png");
    expect(sanitizeFileName("Rechnung Müller.PDF", acceptedTypes.pdf)).toBe("Rechnung Müller.PDF");
  });

  it("drops paths, control and bidi characters and reserved characters", () => {
    expect(sanitizeFileName("C:\\Users\\erin\\..\\secret.png", acceptedTypes.png)).toBe("secret.png");
    expect(sanitizeFileName("../../etc/passwd.txt", acceptedTypes.text)).toBe("passwd.txt");
    expect(sanitizeFileName("invoice\u202egnp.exe", acceptedTypes.png)).toBe("invoicegnp.exe.png");
    expect(sanitizeFileName('a<b>:"c"|?*.txt\r\n', acceptedTypes.text)).toBe("a_b___c____.txt");
    expect(sanitizeFileName("...", acceptedTypes.pdf)).toBe("attachment.pdf");
    expect(sanitizeFileName(".htaccess", acceptedTypes.text)).toBe("htaccess.txt");
  });

  it("gives the name the extension its content has", () => {
    expect(sanitizeFileName("photo", acceptedTypes.jpeg)).toBe("photo.jpg");
    expect(sanitizeFileName("page.html", acceptedTypes.text)).toBe("page.html.txt");
    expect(sanitizeFileName("holiday.JPEG", acceptedTypes.jpeg)).toBe("holiday.JPEG");
  });

  it("is never longer than 150 characters and keeps the extension", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (raw) => {
        const name = sanitizeFileName(raw, acceptedTypes.pdf);
        expect([...name].length).toBeLessThanOrEqual(150);
        expect(name.toLowerCase().endsWith(".pdf")).toBe(true);
        expect(name).not.toMatch(/[\u0000-\u001f/\\<>:"|?*\u202e]/);
      }),
    );
  });

  it("builds an RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition("attachment", "Rechnung Müller (2).pdf")).toBe(
      `attachment; filename="Rechnung M_ller (2).pdf"; filename*=UTF-8''Rechnung%20M%C3%BCller%20%282%29.pdf`,
    );
    expect(contentDisposition("inline", "it's.png")).toBe(`inline; filename="it's.png"; filename*=UTF-8''it%27s.png`);
  });

  it("formats sizes for people", () => {
    expect(formatFileSize(1)).toBe("1 byte");
    expect(formatFileSize(900)).toBe("900 bytes");
    expect(formatFileSize(2048)).toBe("2 KB");
    expect(formatFileSize(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatFileSize(1.25 * 1024 * 1024)).toBe("1.3 MB");
  });
});

describe("attachment settings", () => {
  it("defaults to 10 MB in <DESK_DATA_DIR>/files and refuses a nonsense limit", () => {
    expect(parseEnv({}).DESK_MAX_ATTACHMENT_MB).toBe(10);
    expect(parseEnv({}).DESK_FILES_DIR).toBeUndefined();
    expect(parseEnv({ DESK_MAX_ATTACHMENT_MB: "25", DESK_FILES_DIR: "/srv/desk-files" })).toMatchObject({ DESK_MAX_ATTACHMENT_MB: 25, DESK_FILES_DIR: "/srv/desk-files" });
    expect(() => parseEnv({ DESK_MAX_ATTACHMENT_MB: "ten" })).toThrow(/DESK_MAX_ATTACHMENT_MB must be a number/);
    expect(() => parseEnv({ DESK_MAX_ATTACHMENT_MB: "0" })).toThrow(/more than 0/);
  });
});
