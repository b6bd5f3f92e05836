import { createReadStream } from 'node:fs';
import type { TestReport } from '../test-report.ts';
import { TapParser } from './tap-parser.ts';

/** Parses TAP arriving in chunks; `label` names the source in warnings. */
export async function parseTapStream(chunks: AsyncIterable<string>, label: string): Promise<TestReport> {
  const parser = new TapParser(label);
  for await (const chunk of chunks) {
    parser.write(chunk);
  }
  return parser.end();
}

export function parseTapFile(file: string, label = file): Promise<TestReport> {
  return parseTapStream(createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 }), label);
}
