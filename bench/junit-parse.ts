// Parsing a 100,000-case JUnit XML file: pony-build's streaming parser (every
// case built, bounded) against fast-xml-parser reading the same file into one
// object and doing nothing more. Each side runs in its own child process so its
// peak RSS is its own.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const caseCount = 100_000;

async function writeReport(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="pytest">\n');
  for (let index = 0; index < caseCount; index += 1) {
    const failure = index % 100 === 0 ? `<failure message="AssertionError: assert ${index} == 0">def test():\n&gt;       assert x == 0\nE       AssertionError\n</failure>` : '';
    out.write(`<testcase classname="tests.test_module_${index % 200}" name="test_case_${index}" time="0.00${index % 10}">${failure}</testcase>\n`);
  }
  out.write('</testsuite></testsuites>\n');
  await new Promise((resolve) => out.end(resolve));
}

async function measureInChild(which: 'ours' | 'fast-xml-parser', file: string): Promise<{ ms: number; peakRssMb: number; cases: number }> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(import.meta.url), '--child', which, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let report = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (report += chunk));
  await new Promise((resolve) => child.on('close', resolve));
  try {
    return JSON.parse(report.trim().split('\n').at(-1) ?? '');
  } catch {
    throw new Error(`the ${which} child did not report: ${report}`);
  }
}

async function runInChild(which: string, file: string): Promise<void> {
  const started = performance.now();
  let cases: number;
  if (which === 'ours') {
    const { parseJunitFile } = await import('../runner/test-reports/junit/parse-junit.ts');
    cases = (await parseJunitFile(file)).cases.length;
  } else {
    const { readFile } = await import('node:fs/promises');
    const { XMLParser } = await import('fast-xml-parser');
    const document = new XMLParser({ ignoreAttributes: false }).parse(await readFile(file, 'utf8'));
    cases = document.testsuites.testsuite.testcase.length;
  }
  const ms = performance.now() - started;
  process.stderr.write(`\n${JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024, cases })}\n`);
}

export async function measureJunitParse(rounds = 3) {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-bench-junit-'));
  try {
    const file = path.join(directory, 'report.xml');
    await writeReport(file);
    const ours: Array<{ ms: number; peakRssMb: number; cases: number }> = [];
    const theirs: typeof ours = [];
    for (let round = 0; round < rounds; round += 1) {
      ours.push(await measureInChild('ours', file));
      theirs.push(await measureInChild('fast-xml-parser', file));
    }
    for (const run of [...ours, ...theirs]) {
      if (run.cases !== caseCount) throw new Error(`a parser found ${run.cases} cases, expected ${caseCount}`);
    }
    const oursMs = Math.min(...ours.map((run) => run.ms));
    const theirsMs = Math.min(...theirs.map((run) => run.ms));
    return {
      cases: caseCount,
      fileMb: statSync(file).size / 1e6,
      oursMs,
      oursPeakRssMb: Math.max(...ours.map((run) => run.peakRssMb)),
      fastXmlParserMs: theirsMs,
      fastXmlParserPeakRssMb: Math.max(...theirs.map((run) => run.peakRssMb)),
      oursOverFastXmlParser: oursMs / theirsMs,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await runInChild(process.argv[3], process.argv[4]);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureJunitParse()));
}
