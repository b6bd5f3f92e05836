// Shared by the subcommands: node's parseArgs, with every problem named at once
// and a pointer to --help, instead of a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';
// The one module, not the server's front door: client commands must not load the server.
import { parseByteSize as parseServerByteSize } from '../../server/config/parse-byte-size.ts';

export class CommandOptionsError extends Error {
  constructor(readonly command: string, readonly problems: string[]) {
    super(`pony-build ${command}: ${problems.join('; ')}\nRun \`pony-build ${command} --help\` for the options.`);
    this.name = 'CommandOptionsError';
  }
}

type OptionTable = NonNullable<ParseArgsConfig['options']>;

type ParsedCommandOptions<T extends OptionTable> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: boolean; strict: true }>
>;

export function parseCommandOptions<T extends OptionTable>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = false,
): ParsedCommandOptions<T> {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    throw new CommandOptionsError(command, [(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')]);
  }
}

/** `option` names where the value came from: the flag, or the variable that stood in for it. */
export function parsePort(command: string, value: string | undefined, fallback: number, option = '--port'): number {
  if (value === undefined) {
    return fallback;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CommandOptionsError(command, [`expected ${option} to be a whole number from 0 to 65535, got \`${value}\``]);
  }
  return port;
}

export function parseByteSize(command: string, option: string, value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const bytes = parseServerByteSize(value);
  if (bytes === undefined) {
    throw new CommandOptionsError(command, [`expected ${option} to be a size such as 32M or 1048576, got \`${value}\``]);
  }
  return bytes;
}

/** Prints a usage error and turns it into exit status 2; other errors propagate. */
export function reportOptionsError(error: unknown): number {
  if (error instanceof CommandOptionsError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  throw error;
}
