import { DatabaseUnavailableError, describeDatabase, readServerConfigFile, SchemaVersionError, ServerConfigError, startServer, type AuthMode, type ServerOptions } from '../../server/index.ts';
import { parseByteSize, parseCommandOptions, parsePort, reportOptionsError } from './parse-command-options.ts';
import { applyAuthMode, parseAuthModeOption } from './parse-auth-option.ts';
import { parseBasePathOption } from './parse-base-path-option.ts';
import { applyWebSubHub, parseWebSubHubOption } from './parse-websub-hub-option.ts';
import { collectOptionProblems, pickOption, readSwitchVariable, type PickedOption } from './read-option-variables.ts';

// Every option can also be set in the environment, for systemd units and containers.
const VARIABLES = {
  host: 'PONY_BUILD_HOST',
  port: 'PONY_BUILD_PORT',
  db: 'PONY_BUILD_DB',
  'data-dir': 'PONY_BUILD_DATA_DIR',
  'max-body': 'PONY_BUILD_MAX_BODY',
  config: 'PONY_BUILD_CONFIG',
  'trust-proxy': 'PONY_BUILD_TRUST_PROXY',
  auth: 'PONY_BUILD_AUTH',
  private: 'PONY_BUILD_PRIVATE',
  'base-path': 'PONY_BUILD_BASE_PATH',
  'websub-hub': 'PONY_BUILD_WEBSUB_HUB',
} as const;

const help = `Usage: pony-build serve [options]

Runs the pony-build server: web pages at /, XML-RPC at /xmlrpc, JSON at /api/v1/
(each under --base-path, when given).

Options:
  --host HOST        address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --port PORT        port to listen on (default 8080; 0 picks a free one)
  --db FILE|URL      SQLite database file (default ./pony-build.db; :memory: keeps nothing),
                     or a PostgreSQL URL, postgres://user:pass@host/db, which several
                     serve processes can share (see the README, "Scaling")
  --data-dir DIR     where uploaded files are kept (default: FILE.files/ beside a SQLite
                     database, ./pony-build-files/ for PostgreSQL); instances sharing a
                     PostgreSQL database must share this directory too
  --max-body SIZE    largest request body accepted, e.g. 32M (default 32M)
  --config FILE      JSON file with expected builders and retention (see the README)
  --trust-proxy      behind a reverse proxy: take the client's address, scheme and host
                     from X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host
  --auth MODE        who may write results: open (anyone; the default), tokens (clients
                     with a token from \`pony-build tokens add\`) or capped (anyone, but
                     anonymous clients only auth.anonymous_bytes_per_day a day)
  --private          every page, feed, badge, download and JSON read needs an admin
                     session (\`pony-build admins add\`); JSON reads also take a client token
  --base-path PATH   serve everything under this sub-path, e.g. /ci, behind a reverse
                     proxy that passes the prefix through (default: the root)
  --websub-hub URL   the WebSub hub feeds name and are published to when a result
                     arrives (websub_hub in --config; see the README, "Feeds")
  -h, --help         show this help

Environment (a flag on the command line wins over its variable):
  PONY_BUILD_HOST         --host
  PONY_BUILD_PORT         --port
  PONY_BUILD_DB           --db
  PONY_BUILD_DATA_DIR     --data-dir
  PONY_BUILD_MAX_BODY     --max-body
  PONY_BUILD_CONFIG       --config
  PONY_BUILD_TRUST_PROXY  --trust-proxy: 1, true or yes; 0, false or no
  PONY_BUILD_AUTH         --auth
  PONY_BUILD_PRIVATE      --private: 1, true or yes; 0, false or no
  PONY_BUILD_BASE_PATH    --base-path
  PONY_BUILD_WEBSUB_HUB   --websub-hub
`;

function parseServeOptions(argv: string[], env: NodeJS.ProcessEnv): ServerOptions & { help: boolean; db: string; configFile: PickedOption; authMode: AuthMode | undefined; privateSite: boolean | undefined; websubHub: string | undefined } {
  const { values } = parseCommandOptions('serve', argv, {
    host: { type: 'string' },
    port: { type: 'string' },
    db: { type: 'string' },
    'data-dir': { type: 'string' },
    'max-body': { type: 'string' },
    config: { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    auth: { type: 'string' },
    private: { type: 'boolean' },
    'base-path': { type: 'string' },
    'websub-hub': { type: 'string' },
  });
  const pick = (flag: Exclude<keyof typeof VARIABLES, 'trust-proxy' | 'private'>) => pickOption(flag, values[flag], VARIABLES[flag], env);
  const [port, maxBody] = [pick('port'), pick('max-body')];
  const problems = collectOptionProblems('serve');
  const options = {
    help: values.help === true,
    host: pick('host').value ?? '127.0.0.1',
    port: problems.read(() => parsePort('serve', port.value, 8080, port.source)),
    db: pick('db').value ?? 'pony-build.db',
    dataDir: pick('data-dir').value,
    maxBodyBytes: problems.read(() => parseByteSize('serve', maxBody.source, maxBody.value)),
    configFile: pick('config'),
    trustProxy: values['trust-proxy'] ?? problems.read(() => readSwitchVariable('serve', VARIABLES['trust-proxy'], env)),
    authMode: problems.read(() => parseAuthModeOption('serve', pick('auth'))),
    privateSite: values.private ?? problems.read(() => readSwitchVariable('serve', VARIABLES.private, env)),
    basePath: problems.read(() => parseBasePathOption('serve', pick('base-path'))),
    websubHub: problems.read(() => parseWebSubHubOption('serve', pick('websub-hub'))),
  };
  problems.finish();
  return options;
}

export async function runServeCommand(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseServeOptions(argv, process.env);
  } catch (error) {
    return reportOptionsError(error);
  }
  if (options.help) {
    process.stdout.write(help);
    return 0;
  }
  const { help: _help, configFile, authMode, privateSite, websubHub, ...serverOptions } = options;
  try {
    serverOptions.config = applyWebSubHub(
      applyAuthMode(configFile.value === undefined ? undefined : await readServerConfigFile(configFile.value), { mode: authMode, private: privateSite }), websubHub,
    );
  } catch (error) {
    if (error instanceof ServerConfigError) {
      const variable = configFile.source === '--config' ? '' : `${configFile.source}: `;
      process.stderr.write(`pony-build serve: ${variable}${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let server;
  try {
    server = await startServer({ ...serverOptions, log: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    if (error instanceof DatabaseUnavailableError || error instanceof SchemaVersionError) {
      process.stderr.write(`pony-build serve: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  process.stdout.write(`pony-build server listening on ${server.url} (database: ${describeDatabase(options.db)})\n`);
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
