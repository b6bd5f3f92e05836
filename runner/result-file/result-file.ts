// A local run keeps its result as a JSON file in the same shape the JSON API
// takes, so it can be read, diffed, and sent to a server later.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClientInfo, StepResult } from '../../wire/types.ts';

export interface ResultDocument {
  client_info: ClientInfo;
  results_list: StepResult[];
}

export class ResultFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'ResultFileError';
  }
}

/** The file's shape: the result `build:end` carries, named as the JSON API names it. */
export function toResultDocument({ clientInfo, results }: { clientInfo: ClientInfo; results: StepResult[] }): ResultDocument {
  return { client_info: clientInfo, results_list: results };
}

export function getResultFileName(clientInfo: ClientInfo, now: Date = new Date()): string {
  const stamp = now.toISOString().replaceAll(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const safePackage = clientInfo.package.replaceAll(/[^\w.-]+/g, '_') || 'build';
  return `${safePackage}-${stamp}.json`;
}

export async function writeResultFile(directory: string, document: ResultDocument): Promise<string> {
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, getResultFileName(document.client_info));
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}

export async function readResultFile(file: string): Promise<ResultDocument> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ResultFileError(file, error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message);
  }
  const document = parsed as Partial<ResultDocument> | null;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new ResultFileError(file, 'expected a JSON object with `client_info` and `results_list`');
  }
  if (typeof document.client_info !== 'object' || document.client_info === null || typeof document.client_info.package !== 'string') {
    throw new ResultFileError(file, 'expected `client_info` to be an object with a string `package`');
  }
  if (!Array.isArray(document.results_list)) {
    throw new ResultFileError(file, 'expected `results_list` to be an array of steps');
  }
  return document as ResultDocument;
}
