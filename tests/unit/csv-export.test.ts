// The one prologue of the CSV download routes (lib/csv/csv-export.ts): signed out, refused, unknown,
// bad input and failure each answer in plain text with their status, and a file downloads uncached.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { csvExport } from "@/lib/csv/csv-export";
import { AppError, forbidden, notFound } from "@/lib/errors";

const actor: Actor = { id: "p", email: "p@x", name: "P", departmentId: "home", agentOf: [], headOf: [], hr: false, admin: false };
const answer = async (options: Partial<Parameters<typeof csvExport>[0]>) => {
  const response = await csvExport({ actor, signIn: "Sign in to download reports.", failure: "test export failed", run: async () => ({ body: "a,b\r\n", fileName: "x y.csv" }), ...options });
  return [response.status, response.headers.get("content-type"), await response.text()];
};

describe("csvExport", () => {
  it("downloads the file, uncached, under a safe name", async () => {
    const response = await csvExport({ actor, signIn: "", failure: "", run: async (a) => ({ body: `${a.id}\r\n`, fileName: "x y.csv" }) });
    expect([response.status, await response.text()]).toEqual([200, "p\r\n"]);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="x_y.csv"');
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("answers signed out, refused, unknown, bad input and failures in words, never running the use case signed out", async () => {
    let ran = false;
    expect(await answer({ actor: null, run: async () => ((ran = true), { body: "", fileName: "" }) })).toEqual([401, "text/plain; charset=utf-8", "Sign in to download reports."]);
    expect(ran).toBe(false);
    // Refused and unknown read alike: nobody learns that a report they may not see exists.
    expect(await answer({ run: async () => { throw forbidden("no"); } })).toEqual([404, "text/plain; charset=utf-8", "Not found."]);
    expect(await answer({ run: async () => { throw notFound("This department"); } })).toEqual([404, "text/plain; charset=utf-8", "Not found."]);
    expect(await answer({ run: async () => { throw new AppError("INVALID_INPUT", "Choose a year from 1970 on"); } })).toEqual([422, "text/plain; charset=utf-8", "Choose a year from 1970 on"]);
    expect(await answer({ run: async () => { throw new Error("boom"); } })).toEqual([500, "text/plain; charset=utf-8", "Something went wrong on our side. Try again in a moment."]);
  });
});
