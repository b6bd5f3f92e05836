// By default pony-build builds the very repository its recipes live in, so a fresh clone can
// test itself with no settings. This file is recipes/lib/, two levels below the project root.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function getProjectDirectory(): string {
  return fileURLToPath(new URL('../../', import.meta.url)).replace(/[/\\]+$/, '');
}

/** The project's own repository as a file:// URL, which git clones like any remote. */
export function getProjectRepositoryUrl(): string {
  return pathToFileURL(getProjectDirectory()).href;
}
