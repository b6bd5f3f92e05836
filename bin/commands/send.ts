import {
  getSpoolDirectory,
  parseServerUrl,
  pickClientToken,
  readResultFile,
  sendResults,
  sendSpooledResults,
  type ClientToken,
  type ServerAddress,
} from '../../runner/index.ts';
import { parseCommandOptions, reportOptionsError, CommandOptionsError } from './parse-command-options.ts';

const help = `Usage: pony-build send FILE... --report URL
       pony-build send --spool [--report URL]

Sends result files written by local recipe runs (./pony-results/*.json) to a
pony-build server, e.g. after the server refused them. Each result carries its
submission id, so a file sent twice is stored once.

With --spool, sends the results recipes spooled because their server could not
be reached ($PONY_BUILD_SPOOL, default ~/.pony-build/spool), oldest first, each
removed once the server acknowledged it; the next recipe run reporting to that
server does the same before it builds. With --report URL (or $PONY_BUILD_SERVER)
only that server's results are sent, with the URL's credentials; without one,
each goes to the server it was spooled for, whose URL was kept without
credentials, and with --token or $PONY_BUILD_TOKEN when given.

Options:
  --report URL, -s URL   the server's root URL or its /xmlrpc URL (default: $PONY_BUILD_SERVER)
  --token NAME:TOKEN     the client token, when the URL holds none (default: $PONY_BUILD_TOKEN)
  --spool                send the spooled results instead of files
  -h, --help             show this help

Exit status: 0 when everything was sent, 1 when something was not, 2 for bad options.
`;

interface SendRequest {
  files: string[];
  spool: boolean;
  server: ServerAddress | undefined;
  token: ClientToken | undefined;
}

export async function runSendCommand(argv: string[]): Promise<number> {
  let request: SendRequest;
  try {
    const { values, positionals } = parseCommandOptions('send', argv, {
      report: { type: 'string', short: 's' }, spool: { type: 'boolean' }, token: { type: 'string' },
    }, true);
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    const spool = values.spool === true;
    const problems = [];
    if (spool && positionals.length > 0) {
      problems.push(`give result files or --spool, not both (got --spool and ${positionals.join(' ')})`);
    } else if (!spool && positionals.length === 0) {
      problems.push('name at least one result file, or --spool');
    }
    const url = values.report ?? process.env.PONY_BUILD_SERVER;
    if (!url && !spool) {
      problems.push('--report URL is required (or set PONY_BUILD_SERVER)');
    }
    const token = noteProblem(() => pickClientToken(values.token, process.env), problems);
    const server = url ? noteProblem(() => parseServerUrl(url, token), problems) : undefined;
    if (problems.length > 0) {
      throw new CommandOptionsError('send', problems);
    }
    request = { files: positionals, spool, server, token };
  } catch (error) {
    return reportOptionsError(error);
  }
  return request.spool ? sendSpool(request.server, request.token) : sendFiles(request.files, request.server!);
}

async function sendFiles(files: string[], server: ServerAddress): Promise<number> {
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

async function sendSpool(server: ServerAddress | undefined, token: ClientToken | undefined): Promise<number> {
  const directory = getSpoolDirectory();
  const report = await sendSpooledResults(directory, {
    server,
    token,
    print: (line) => process.stdout.write(`${line}\n`),
    warn: (line) => process.stderr.write(`${line}\n`),
  });
  if (report.sent + report.kept + report.rejected === 0) {
    process.stdout.write(`Nothing spooled${server ? ` for ${server.webUrl}` : ''} in ${directory}\n`);
  }
  return report.kept + report.rejected === 0 ? 0 : 1;
}

function noteProblem<T>(read: () => T, problems: string[]): T | undefined {
  try {
    return read();
  } catch (error) {
    problems.push((error as Error).message);
    return undefined;
  }
}
