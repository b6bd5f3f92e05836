// The recipe command line, with the original pony_client's option names, so
// cron lines written for it keep working.
import { parseArgs } from 'node:util';
import { ClientTokenError, pickClientToken, type ClientToken } from '../transport/client-token.ts';

export interface RecipeOptions {
  /** Server root or XML-RPC URL; undefined means a local run. */
  report?: string;
  /** The client token from --token or $PONY_BUILD_TOKEN; credentials in the report URL win over it. */
  token?: ClientToken;
  forceBuild: boolean;
  noReport: boolean;
  /** Send the result once, at the end, instead of reporting the build as it runs. */
  noLive: boolean;
  keepTemp: boolean;
  tags: string[];
  verbose: boolean;
  debug: boolean;
  keepGoing: boolean;
  resultsDir: string;
  logDir?: string;
  help: boolean;
}

export class RecipeOptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems with the options:\n  ${problems.join('\n  ')}`);
    this.name = 'RecipeOptionsError';
  }
}

const optionTable = {
  report: { type: 'string', short: 's' },
  'server-url': { type: 'string' },
  token: { type: 'string' },
  'force-build': { type: 'boolean', short: 'f' },
  'no-report': { type: 'boolean', short: 'n' },
  'no-live': { type: 'boolean' },
  'no-clean-temp': { type: 'boolean', short: 'N' },
  tagset: { type: 'string', short: 't', multiple: true },
  verbose: { type: 'boolean', short: 'v' },
  debug: { type: 'boolean' },
  'keep-going': { type: 'boolean', short: 'k' },
  'results-dir': { type: 'string' },
  'log-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function getRecipeHelp(command: string): string {
  return `Usage: ${command} [options]

Runs the build recipe: every step's output is shown live, a summary is printed,
and the result is written as a JSON file. The exit status is 0 only on success.

Options:
  --report URL, -s, --server-url URL
                         report the build to a pony-build server (its root URL or
                         its /xmlrpc URL) as it runs; asks the server first whether
                         a build is needed. A result the server cannot take now is
                         spooled ($PONY_BUILD_SPOOL, default ~/.pony-build/spool)
                         and sent first by the next run reporting there.
                         Default: $PONY_BUILD_SERVER, else a local run.
  --token NAME:TOKEN     the client token a server with --auth tokens or capped
                         wants, when the URL holds none (http://NAME:TOKEN@host/
                         does the same). Default: $PONY_BUILD_TOKEN
  -f, --force-build      build even when the server says it is up to date
  -n, --no-report        do not send the result, even with --report
  --no-live              send the result once, when the build ends, instead of
                         reporting each step and its output as the build runs
  -N, --no-clean-temp    keep temporary directories for inspection
  -t, --tagset a,b       add tags to this build (repeatable; also $PONY_BUILD_TAGS)
  -k, --keep-going       run the remaining steps after a failure
  --results-dir DIR      where result files go (default: ./pony-results)
  --log-dir DIR          also write every step's complete output to DIR
  -v, --verbose          show where each step runs and what the contexts do
  --debug                show server calls and stack traces
  -h, --help             show this help
`;
}

export function parseRecipeOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): RecipeOptions {
  const problems: string[] = [];
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: optionTable,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === 'option' && !(token.name in optionTable)) {
      problems.push(`unknown option ${token.rawName}`);
    } else if (token.kind === 'option') {
      const expectsValue = optionTable[token.name as keyof typeof optionTable].type === 'string';
      if (expectsValue && token.value === undefined) {
        problems.push(`option ${token.rawName} needs a value`);
      } else if (!expectsValue && token.value !== undefined) {
        problems.push(`option ${token.rawName} takes no value, got \`${token.value}\``);
      }
    }
  }
  if (positionals.length > 0) {
    problems.push(`unexpected argument${positionals.length > 1 ? 's' : ''}: ${positionals.join(' ')}`);
  }
  const report = stringValue(values.report) ?? stringValue(values['server-url']) ?? (env.PONY_BUILD_SERVER || undefined);
  if (values.report !== undefined && values['server-url'] !== undefined && values.report !== values['server-url']) {
    problems.push('--report and --server-url name different servers; give one');
  }
  const token = readToken(stringValue(values.token), env, problems);
  if (problems.length > 0) {
    throw new RecipeOptionsError(problems);
  }
  const tagValues = [...splitTags(env.PONY_BUILD_TAGS), ...((values.tagset as string[] | undefined) ?? []).flatMap(splitTags)];
  return {
    report,
    token,
    forceBuild: values['force-build'] === true,
    noReport: values['no-report'] === true,
    noLive: values['no-live'] === true,
    keepTemp: values['no-clean-temp'] === true,
    tags: [...new Set(tagValues)],
    verbose: values.verbose === true || values.debug === true,
    debug: values.debug === true,
    keepGoing: values['keep-going'] === true,
    resultsDir: stringValue(values['results-dir']) ?? 'pony-results',
    logDir: stringValue(values['log-dir']),
    help: values.help === true,
  };
}

function readToken(flagValue: string | undefined, env: NodeJS.ProcessEnv, problems: string[]): ClientToken | undefined {
  try {
    return pickClientToken(flagValue, env);
  } catch (error) {
    if (!(error instanceof ClientTokenError)) {
      throw error;
    }
    problems.push(error.message);
    return undefined;
  }
}

function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function splitTags(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}
