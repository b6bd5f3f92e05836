// Reads JUnit XML as a stream of SAX events, so a report with 100,000 cases is
// never held whole in memory, and a report cut short keeps the cases before the cut.
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { TestReport } from '../test-report.ts';
import { JunitCaseBuilder } from './junit-case-builder.ts';

/** Parses JUnit XML text arriving in chunks; `label` names the source in warnings. */
export async function parseJunitStream(chunks: AsyncIterable<string>, label: string): Promise<TestReport> {
  const report = new TestReport();
  const builder = new JunitCaseBuilder(report);
  const parser = new SaxesParser({ position: true });
  let failure: string | undefined;
  parser.on('error', (error) => {
    failure ??= error.message;
  });
  // After an error the parser's state is undefined: nothing more is believed.
  parser.on('opentag', (tag) => failure ?? builder.openElement(tag.name, tag.attributes as Record<string, string>));
  parser.on('closetag', (tag) => failure ?? builder.closeElement(tag.name));
  parser.on('text', (text) => failure ?? builder.addText(text));
  parser.on('cdata', (text) => failure ?? builder.addText(text));
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (failure !== undefined) break;
  }
  if (failure === undefined) {
    parser.close();
  }
  if (failure !== undefined) {
    const cut = builder.isInsideCase ? ' (the case being read there is left out)' : '';
    report.warn(`${label}: the JUnit XML is malformed or cut short, ${failure}; kept the ${builder.casesSeen} test cases before it${cut}`);
  } else if (builder.casesSeen === 0) {
    report.warn(`${label}: no <testcase> elements in the JUnit XML`);
  }
  return report;
}

export async function parseJunitFile(file: string, label = file): Promise<TestReport> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  return parseJunitStream(stream, label);
}
