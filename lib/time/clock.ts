import fs from "node:fs";
import { env } from "@/lib/env";

/**
 * "Now" for time-driven work that tests must move forward (the automation sweep): the real clock,
 * unless DESK_CLOCK_FILE names a file holding an ISO instant, which is then read at every call (a
 * browser test writes the file to jump days ahead while the app runs). Only for tests: a missing,
 * empty or unreadable file falls back to the real clock.
 */
export function now(): Date {
  const file = env().DESK_CLOCK_FILE;
  if (!file) return new Date();
  return readClockFile(file) ?? new Date();
}

export function readClockFile(file: string): Date | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
