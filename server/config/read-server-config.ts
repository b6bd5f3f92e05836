// Reads the configuration file given to `pony-build serve --config`.
import { readFile } from 'node:fs/promises';
import { parseServerConfig } from './parse-server-config.ts';
import { ServerConfigError } from './server-config-error.ts';
import type { ServerConfig } from './types.ts';

/** The checked configuration in `file`, or a ServerConfigError naming the file and every problem. */
export async function readServerConfigFile(file: string): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ServerConfigError([`cannot be read: ${(error as Error).message}`], file);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ServerConfigError([`is not valid JSON: ${(error as Error).message}`], file);
  }
  return parseServerConfig(document, file);
}
