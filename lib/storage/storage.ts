import crypto from "node:crypto";
import type { Readable } from "node:stream";

/**
 * Where attachment bytes live. The database keeps only the key; a driver for object storage (S3,
 * Azure Blob) implements these three calls. Keys come from newStorageKey(), never from a file name.
 */
export type Storage = {
  /** Stores the bytes under the key, all or nothing: a reader never sees a half-written file. */
  put(key: string, data: Uint8Array | Readable): Promise<void>;
  /** The stored bytes; throws StorageMissingError when nothing is stored under the key. */
  get(key: string): Promise<Readable>;
  /** Removes the key; removing a key that is not there is not an error. */
  delete(key: string): Promise<void>;
};

export class StorageMissingError extends Error {
  constructor(key: string) {
    super(`nothing stored under ${key}`);
    this.name = "StorageMissingError";
  }
}

/** 128 random bits, hex: unguessable and safe as a file name on every driver. */
export function newStorageKey(): string {
  return crypto.randomBytes(16).toString("hex");
}
