import { readServerConfigFile, ServerConfigError, startServer, type ServerOptions } from '../../server/index.ts';
import { parseByteSize, parseCommandOptions, parsePort, reportOptionsError } from './parse-command-options.ts';

const help = `Usage: pony-build serve [options]

Runs the pony-build server: web pages at /, XML-RPC at /xmlrpc, JSON at /api/v1/.

Options:
  --host HOST        address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --port PORT        port to listen on (default 8080; 0 picks a free one)
  --db FILE          SQLite database file (default ./pony-build.db; :memory: keeps nothing)
  --max-body SIZE    largest request body accepted, e.g. 32M (default 32M)
  --config FILE      JSON file with expected builders and retention (see the README)
  -h, --help         show this help
`;

function parseServeOptions(argv: string[]): ServerOptions & { help: boolean; db: string; configFile: string | undefined } {
  const { values } = parseCommandOptions('serve', argv, {
    host: { type: 'string' },
    port: { type: 'string' },
    db: { type: 'string' },
    'max-body': { type: 'string' },
    config: { type: 'string' },
  });
  return {
    help: values.help === true,
    host: values.host ?? '127.0.0.1',
    port: parsePort('serve', values.port, 8080),
    db: values.db ?? 'pony-build.db',
    maxBodyBytes: parseByteSize('serve', '--max-body', values['max-body']),
    configFile: values.config,
  };
}

export async function runServeCommand(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseServeOptions(argv);
  } catch (error) {
    return reportOptionsError(error);
  }
  if (options.help) {
    process.stdout.write(help);
    return 0;
  }
  const { help: _help, configFile, ...serverOptions } = options;
  try {
    serverOptions.config = configFile === undefined ? undefined : await readServerConfigFile(configFile);
  } catch (error) {
    if (error instanceof ServerConfigError) {
      process.stderr.write(`pony-build serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const server = await startServer({ ...serverOptions, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`pony-build server listening on ${server.url} (database: ${options.db})\n`);
  await waitForStopSignal();
  process.stdout.write('pony-build server stopping\n');
  await server.close();
  return 0;
}

export function waitForStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
