// `pony-build <command>`: picks the command and hands it the remaining arguments. Each
// command is imported only when it runs, so `--help` and `--version` start as fast as node.
import { readFileSync } from 'node:fs';

type Command = (argv: string[]) => Promise<number>;

interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

const commands: Record<string, CommandEntry> = {
  init: {
    summary: 'write a starter recipe into the project in this directory',
    load: async () => (await import('./commands/init.ts')).runInitCommand,
  },
  serve: {
    summary: 'run the pony-build server (web pages, XML-RPC and JSON API)',
    load: async () => (await import('./commands/serve.ts')).runServeCommand,
  },
  send: {
    summary: 'send result files written by a local recipe run to a server',
    load: async () => (await import('./commands/send.ts')).runSendCommand,
  },
  'report-tests': {
    summary: 'send JUnit XML, TAP or node:test result files from any CI to a server',
    load: async () => (await import('./commands/report-tests.ts')).runReportTestsCommand,
  },
  demo: {
    summary: 'start a server, report the example recipe to it, and keep serving',
    load: async () => (await import('./commands/demo.ts')).runDemoCommand,
  },
  'remove-result': {
    summary: "remove one result from a server's database",
    load: async () => (await import('./commands/remove-result.ts')).runRemoveResultCommand,
  },
  'flush-tagset': {
    summary: "remove every result of one tagset from a server's database",
    load: async () => (await import('./commands/flush-tagset.ts')).runFlushTagsetCommand,
  },
  'notify-failures': {
    summary: "mail one summary of a server's failing builds (from cron)",
    load: async () => (await import('./commands/notify-failures.ts')).runNotifyFailuresCommand,
  },
  tokens: {
    summary: "add, list or revoke the client tokens in a server's database",
    load: async () => (await import('./commands/tokens.ts')).runTokensCommand,
  },
  admins: {
    summary: "add, list or remove the web UI's admins in a server's database",
    load: async () => (await import('./commands/admins.ts')).runAdminsCommand,
  },
  migrate: {
    summary: "copy a server's whole SQLite history into PostgreSQL",
    load: async () => (await import('./commands/migrate.ts')).runMigrateCommand,
  },
};

// Two spaces after the longest command's name, so every summary starts in one column.
const NAME_COLUMN = Math.max(...Object.keys(commands).map((name) => name.length)) + 2;

const usage = `Usage: pony-build <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, entry]) => `  ${name.padEnd(NAME_COLUMN)}${entry.summary}`)
  .join('\n')}

Recipes are run directly: npx tsx recipes/build.ts --help
Run \`pony-build help <command>\` or \`pony-build <command> --help\` for a command's options.
\`pony-build --version\` prints the version.
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  if (name === 'help') {
    return rest.length === 0 ? (process.stdout.write(usage), 0) : runCommand(rest[0]!, ['--help']);
  }
  return runCommand(name, rest);
}

async function runCommand(name: string, argv: string[]): Promise<number> {
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    process.stderr.write(`pony-build: unknown command \`${name}\`; known: ${Object.keys(commands).join(', ')}\n\n${usage}`);
    return 2;
  }
  const command = await entry.load();
  return command(argv);
}

// The manifest sits one folder up from bin/ in a checkout and two up from dist/bin/ once built.
function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'pony-build' && manifest.version) {
        return manifest.version;
      }
    } catch {
      // Not this folder: try the next one up.
    }
  }
  return 'unknown';
}

process.exitCode = await main(process.argv.slice(2));
