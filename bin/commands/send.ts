import { parseServerUrl, readResultFile, sendResults, type ServerAddress } from '../../runner/index.ts';
import { parseCommandOptions, reportOptionsError, CommandOptionsError } from './parse-command-options.ts';

const help = `Usage: pony-build send FILE... --report URL

Sends result files written by local recipe runs (./pony-results/*.json) to a
pony-build server, e.g. after the server could not be reached.

Options:
  --report URL, -s URL   the server's root URL or its /xmlrpc URL (default: $PONY_BUILD_SERVER)
  -h, --help             show this help
`;

export async function runSendCommand(argv: string[]): Promise<number> {
  let files: string[];
  let server: ServerAddress;
  try {
    const { values, positionals } = parseCommandOptions('send', argv, { report: { type: 'string', short: 's' } }, true);
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    const problems = [];
    if (positionals.length === 0) {
      problems.push('name at least one result file');
    }
    const url = values.report ?? process.env.PONY_BUILD_SERVER;
    if (!url) {
      problems.push('--report URL is required (or set PONY_BUILD_SERVER)');
    }
    const parsed = url ? parseServerUrlOrNote(url, problems) : undefined;
    if (problems.length > 0 || !parsed) {
      throw new CommandOptionsError('send', problems);
    }
    files = positionals;
    server = parsed;
  } catch (error) {
    return reportOptionsError(error);
  }
  let failures = 0;
  for (const file of files) {
    try {
      const document = await readResultFile(file);
      const sent = await sendResults(server, document.client_info, document.results_list);
      process.stdout.write(`${file}: reported as ${sent.url}\n`);
    } catch (error) {
      failures += 1;
      process.stderr.write(`pony-build send: ${file}: ${(error as Error).message}\n`);
    }
  }
  return failures === 0 ? 0 : 1;
}

function parseServerUrlOrNote(url: string, problems: string[]): ServerAddress | undefined {
  try {
    return parseServerUrl(url);
  } catch (error) {
    problems.push((error as Error).message);
    return undefined;
  }
}
