// One spooled result per file, named `<ms since 1970>-<submission id>.json` so that names sort
// oldest first. Files are written whole (a temp file, then a rename), so a run reading the
// spool never sees half of one. The server URL is kept without its credentials.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readResultFile, ResultFileError, type ResultDocument } from '../result-file/result-file.ts';

export interface SpoolEntry extends ResultDocument {
  /** The server's root URL, credentials removed: whose spool this result is in. */
  server: string;
  /** The live build's update token, when the build was begun live (it only authorises finishing that build). */
  update_token?: string;
}

const entryName = /^\d+-[\w-]+\.json$/;

export async function writeSpoolEntry(directory: string, entry: SpoolEntry, now: number = Date.now()): Promise<string> {
  // Only the user may read the spool: it holds build output and update tokens.
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const id = typeof entry.client_info.submission_id === 'string' ? entry.client_info.submission_id.replaceAll(/[^\w-]+/g, '_') : randomUUID();
  const name = `${String(now).padStart(15, '0')}-${id}.json`;
  const file = path.join(directory, name);
  const temporary = path.join(directory, `.${name}.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify(entry, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return file;
}

/** The spooled files, oldest first; none when the directory does not exist. */
export async function listSpoolEntries(directory: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  return names.filter((name) => entryName.test(name)).sort().map((name) => path.join(directory, name));
}

/** A spooled result: a result file's document that also names its server. */
export async function readSpoolEntry(file: string): Promise<SpoolEntry> {
  const entry: Partial<SpoolEntry> = await readResultFile(file);
  if (typeof entry.server !== 'string') {
    throw new ResultFileError(file, 'expected a spooled result to name its `server` as a string');
  }
  if (entry.update_token !== undefined && typeof entry.update_token !== 'string') {
    throw new ResultFileError(file, 'expected `update_token` to be a string when present');
  }
  return entry as SpoolEntry;
}

/** Removes an acknowledged entry; one another run already sent and removed is no error. */
export async function removeSpoolEntry(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Moves an entry the server refused out of the way, into `rejected/`, where no run sends it again. */
export async function setSpoolEntryAside(file: string): Promise<string> {
  const rejected = path.join(path.dirname(file), 'rejected');
  await mkdir(rejected, { recursive: true, mode: 0o700 });
  const destination = path.join(rejected, path.basename(file));
  await rename(file, destination);
  return destination;
}
