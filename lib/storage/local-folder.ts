import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { StorageMissingError, type Storage } from "./storage";

const keyPattern = /^[a-f0-9]{32}$/;

/**
 * Files in a folder, fanned out by the first two characters of the key (`ab/ab12…`) so no directory
 * grows huge. Writes go to a temporary file in the same directory and are renamed into place, so a
 * crash leaves either the whole file or none (plus a `.tmp-` file that is never read).
 */
export function localFolderStorage(root: string): Storage {
  const pathOf = (key: string) => {
    // Keys are generated, never user input; refusing anything else keeps a bad key out of the tree.
    if (!keyPattern.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    return path.join(root, key.slice(0, 2), key);
  };

  return {
    async put(key, data) {
      const target = pathOf(key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const temp = path.join(path.dirname(target), `.tmp-${key}-${crypto.randomBytes(4).toString("hex")}`);
      try {
        const file = await fsp.open(temp, "wx", 0o600);
        try {
          if (data instanceof Uint8Array) await file.writeFile(data);
          else await pipeline(data, file.createWriteStream({ autoClose: false }));
          await file.sync();
        } finally {
          await file.close();
        }
        await fsp.rename(temp, target);
      } catch (error) {
        await fsp.rm(temp, { force: true });
        throw error;
      }
    },

    async get(key) {
      // Open first, so a missing file is an error here rather than on the stream mid-response.
      const file = await fsp.open(pathOf(key), "r").catch((error: NodeJS.ErrnoException) => {
        throw error.code === "ENOENT" ? new StorageMissingError(key) : error;
      });
      return file.createReadStream();
    },

    async delete(key) {
      await fsp.rm(pathOf(key), { force: true });
    },
  };
}
