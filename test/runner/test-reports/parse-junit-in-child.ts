// Parses one JUnit XML file and prints what the memory test checks, as one JSON line. Run in a
// child process with a small heap (see junit.test.ts), so a parser that held the whole file
// would crash it.
import { parseJunitFile } from '../../../runner/test-reports/junit/parse-junit.ts';

const report = await parseJunitFile(process.argv[2]!);
process.stdout.write(`${JSON.stringify({
  counts: report.counts,
  warnings: report.warnings,
  lastName: report.cases.at(-1)?.name,
  failure: { message: report.cases[1000]?.message, detailsLength: report.cases[1000]?.details?.length },
})}\n`);
