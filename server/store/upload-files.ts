// Uploaded files live on disk beside the database, one file each, under names the server
// makes: a client's file name is only ever shown, never used as a path, so no upload can reach
// another directory or overwrite another result's file.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface UploadFiles {
  /** Where the files are. */
  readonly directory: string;
  /** Writes a new file and answers its generated name. */
  write(content: Buffer): Promise<string>;
  /** Opens a stored file for reading; undefined when it is gone (removed meanwhile). */
  open(name: string): Promise<Readable | undefined>;
  /** Removes files; those already gone are no error. */
  remove(names: readonly string[]): Promise<void>;
  /** Removes the directory when it was a temporary one (a database in memory). */
  close(): void;
}

/** The files of the database at `databasePath`: `<db>.files/`, or a temp dir removed on close for `:memory:`. */
export function openUploadFiles(databasePath: string, directory?: string): UploadFiles {
  const temporary = directory === undefined && isInMemory(databasePath);
  const root = directory
    ?? (temporary ? mkdtempSync(path.join(os.tmpdir(), 'pony-build-files-')) : `${path.resolve(databasePath)}.files`);
  // Only the server's user reads what clients sent.
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const locate = (name: string) => {
    if (!/^[0-9a-f]{32}$/.test(name)) {
      throw new Error(`Expected a stored upload's name to be 32 hex digits, got ${JSON.stringify(name)}`);
    }
    return path.join(root, name);
  };
  return {
    directory: root,
    async write(content) {
      const name = randomBytes(16).toString('hex');
      // 'wx' fails rather than replace a file, however unlikely a repeated name is.
      await writeFile(locate(name), content, { flag: 'wx', mode: 0o600 });
      return name;
    },
    async open(name) {
      try {
        return (await open(locate(name), 'r')).createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return undefined;
        }
        throw error;
      }
    },
    async remove(names) {
      await Promise.all(names.map((name) => rm(locate(name), { force: true })));
    },
    close() {
      if (temporary) {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

function isInMemory(databasePath: string): boolean {
  return databasePath === ':memory:' || databasePath === '';
}
