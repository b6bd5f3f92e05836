// The versions a Node sandbox actually installed, read from the packages
// themselves: a spec like `is-number@7` or a tarball path does not say which
// version a rerun of the build would need.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Name and version of each package the sandbox's manifest lists, as installed. */
export async function readNodeVersions(prefix: string): Promise<Record<string, string>> {
  const manifest = await readJson(path.join(prefix, 'package.json'));
  const names = Object.keys({ ...asRecord(manifest?.dependencies), ...asRecord(manifest?.optionalDependencies) }).sort();
  const versions: Record<string, string> = {};
  for (const name of names) {
    const installed = await readJson(path.join(prefix, 'node_modules', name, 'package.json'));
    if (typeof installed?.version === 'string') {
      versions[name] = installed.version;
    }
  }
  return versions;
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    return asRecord(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
