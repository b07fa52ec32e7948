import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { localFolderStorage } from "./local-folder";
import type { Storage } from "./storage";

const globalForStorage = globalThis as unknown as { deskStorage?: Storage };

/** The storage of this process: the local folder DESK_FILES_DIR (default `<DESK_DATA_DIR>/files`). */
export function storage(): Storage {
  if (!globalForStorage.deskStorage) {
    globalForStorage.deskStorage = localFolderStorage(filesDir());
  }
  return globalForStorage.deskStorage;
}

/** The absolute folder the local driver writes to. */
export function filesDir(): string {
  const e = env();
  return path.resolve(e.DESK_FILES_DIR ?? path.join(e.DESK_DATA_DIR, "files"));
}
