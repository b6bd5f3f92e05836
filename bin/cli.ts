// `pony-build <command>`: picks the command and hands it the remaining arguments.
import { runDemoCommand } from './commands/demo.ts';
import { runFlushTagsetCommand } from './commands/flush-tagset.ts';
import { runRemoveResultCommand } from './commands/remove-result.ts';
import { runReportTestsCommand } from './commands/report-tests.ts';
import { runSendCommand } from './commands/send.ts';
import { runServeCommand } from './commands/serve.ts';

const usage = `Usage: pony-build <command> [options]

Commands:
  serve     run the pony-build server (web pages, XML-RPC and JSON API)
  send      send result files written by a local recipe run to a server
  report-tests  send JUnit XML, TAP or node:test result files from any CI to a server
  demo      start a server, report the example recipe to it, and keep serving
  remove-result  remove one result from a server's database
  flush-tagset   remove every result of one tagset from a server's database

Recipes are run directly: npx tsx recipes/example.ts --help
Run \`pony-build <command> --help\` for a command's options.
`;

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  serve: runServeCommand,
  send: runSendCommand,
  'report-tests': runReportTestsCommand,
  demo: runDemoCommand,
  'remove-result': runRemoveResultCommand,
  'flush-tagset': runFlushTagsetCommand,
};

const [name, ...rest] = process.argv.slice(2);
if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
  process.stdout.write(usage);
} else if (commands[name]) {
  process.exitCode = await commands[name](rest);
} else {
  process.stderr.write(`pony-build: unknown command \`${name}\`; known: ${Object.keys(commands).join(', ')}\n\n${usage}`);
  process.exitCode = 2;
}
