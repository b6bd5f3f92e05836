import { describeValue } from '../../wire/describe-value.ts';

/** What `spawn` is given: the program and its arguments, plus how to name it in messages. */
export interface SpawnTarget {
  file: string;
  args: string[];
  /** The command as a person would type it. */
  display: string;
}

const SHELL = '/bin/sh';

// Returns why `command` cannot be run with this `shell` setting, or undefined when it can.
export function findCommandProblem(command: unknown, shell: boolean): string | undefined {
  if (typeof command === 'string') {
    if (!shell) {
      return `Expected the \`command\` option to be an array of strings unless the \`shell\` option is true, got ${describeValue(command)}`;
    }
    return command.trim() === '' ? `Expected the \`command\` option to be a non-empty string, got ${describeValue(command)}` : undefined;
  }
  const isArgv = Array.isArray(command) && command.length > 0 && command.every((part) => typeof part === 'string');
  if (!isArgv || command[0] === '') {
    return `Expected the \`command\` option to be a non-empty array of strings, got ${describeValue(command)}`;
  }
  return undefined;
}

// Turns a validated command into spawn arguments; shell commands go through `/bin/sh -c`.
export function normalizeCommand(command: string[] | string, shell: boolean): SpawnTarget {
  if (shell) {
    const script = typeof command === 'string' ? command : command.join(' ');
    return { file: SHELL, args: ['-c', script], display: script };
  }
  const [file, ...args] = command as string[];
  return { file, args, display: formatArgv(command as string[]) };
}

// Quotes only the arguments that need it, so the display can be pasted into a shell.
export function formatArgv(argv: string[]): string {
  return argv.map(quoteArgument).join(' ');
}

function quoteArgument(argument: string): string {
  if (/^[\w@%+=:,./-]+$/.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}
