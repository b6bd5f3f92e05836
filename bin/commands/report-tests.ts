import {
  buildTestReportResult,
  parseServerUrl,
  pickClientToken,
  readTestReportFile,
  reportFormats,
  sendResults,
  TestReportFileError,
  type ReportedFile,
  type ReportFormat,
  type ServerAddress,
} from '../../runner/index.ts';
import { CommandOptionsError, parseCommandOptions, reportOptionsError } from './parse-command-options.ts';

const help = `Usage: pony-build report-tests FILE... --report URL --package NAME [options]

Sends test results written by any CI (GitHub Actions, a Makefile) to a pony-build
server: one test step per file, every test case with its status, duration and
failure message. The build counts as successful when no test failed.

Options:
  --report URL, -s URL   the server's root URL or its /xmlrpc URL (default: $PONY_BUILD_SERVER)
  --token NAME:TOKEN     the client token, when the URL holds none (default: $PONY_BUILD_TOKEN)
  --package NAME         the package the results belong to (required)
  --host HOST            the build machine's name (default: this machine's)
  --arch ARCH            the platform (default: this machine's, e.g. linux-x86_64)
  -t a,b, --tagset a,b   tags (repeatable)
  --format FORMAT        junit, tap or node-test (default: from the extension, .xml
                         .tap .jsonl, else from the file's first characters)
  --name STEP            the step's name (default: the file's name)
  -h, --help             show this help

Exit status: 0 once the results are reported, even when tests failed (the
counts are printed; the test job itself should fail the CI run, not the
upload), 1 when the server could not be reached, 2 for bad options or a file
that cannot be read.
`;

interface ReportTestsOptions {
  files: string[];
  server: ServerAddress;
  package: string;
  host?: string;
  arch?: string;
  tags: string[];
  format?: ReportFormat;
  name?: string;
}

export async function runReportTestsCommand(argv: string[]): Promise<number> {
  let options: ReportTestsOptions | undefined;
  try {
    options = parseReportTestsOptions(argv);
  } catch (error) {
    return reportOptionsError(error);
  }
  if (options === undefined) {
    process.stdout.write(help);
    return 0;
  }
  const files: ReportedFile[] = [];
  for (const file of options.files) {
    try {
      files.push({ file, report: await readTestReportFile(file, options.format) });
    } catch (error) {
      const message = error instanceof TestReportFileError ? error.message : `${file}: ${(error as Error).message}`;
      process.stderr.write(`pony-build report-tests: ${message}\n`);
      return 2;
    }
  }
  const { clientInfo, results } = buildTestReportResult(files, options);
  for (const step of results) {
    const counts = step.test_counts!;
    process.stdout.write(`${step.name}: ${counts.total} tests, ${counts.passed} passed, ${counts.failed} failed, ${counts.error} errors, ${counts.skipped} skipped, ${counts.todo} todo\n`);
    for (const warning of step.test_report_warnings ?? []) {
      process.stdout.write(`  warning: ${warning}\n`);
    }
  }
  try {
    const sent = await sendResults(options.server, clientInfo, results);
    process.stdout.write(`reported as ${sent.url}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`pony-build report-tests: could not report to ${options.server.webUrl}: ${(error as Error).message}\n`);
    return 1;
  }
}

/** Undefined when --help was asked for. */
function parseReportTestsOptions(argv: string[]): ReportTestsOptions | undefined {
  const { values, positionals } = parseCommandOptions(
    'report-tests',
    argv,
    {
      report: { type: 'string', short: 's' },
      'server-url': { type: 'string' },
      token: { type: 'string' },
      package: { type: 'string' },
      host: { type: 'string' },
      arch: { type: 'string' },
      tagset: { type: 'string', short: 't', multiple: true },
      format: { type: 'string' },
      name: { type: 'string' },
    },
    true,
  );
  if (values.help) {
    return undefined;
  }
  const problems: string[] = [];
  if (positionals.length === 0) {
    problems.push('name at least one test result file');
  }
  const url = values.report ?? values['server-url'] ?? process.env.PONY_BUILD_SERVER;
  let server: ServerAddress | undefined;
  if (!url) {
    problems.push('--report URL is required (or set PONY_BUILD_SERVER)');
  } else {
    try {
      server = parseServerUrl(url, pickClientToken(values.token, process.env));
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (!values.package) {
    problems.push('--package NAME is required');
  }
  if (values.format !== undefined && !reportFormats.includes(values.format as ReportFormat)) {
    problems.push(`expected --format to be ${reportFormats.join(', ')}, got \`${values.format}\``);
  }
  if (problems.length > 0 || !server) {
    throw new CommandOptionsError('report-tests', problems);
  }
  const tags = (values.tagset ?? []).flatMap((value) => value.split(',')).map((tag) => tag.trim()).filter(Boolean);
  return {
    files: positionals,
    server,
    package: values.package!,
    host: values.host,
    arch: values.arch,
    tags,
    format: values.format as ReportFormat | undefined,
    name: values.name,
  };
}
