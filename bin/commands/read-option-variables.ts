// A long-running command's options may also come from the environment (a systemd unit, a
// container): the flag on the command line wins over its variable, and a bad value is reported
// under the name it came by, so the user knows which of the two to fix.
import { CommandOptionsError } from './parse-command-options.ts';

export interface PickedOption {
  value: string | undefined;
  /** `--port` or `PONY_BUILD_PORT`: where the value came from, for messages. */
  source: string;
}

/** The flag's value when given, else the variable's; an empty variable counts as unset. */
export function pickOption(flag: string, flagValue: string | undefined, variable: string, env: NodeJS.ProcessEnv): PickedOption {
  if (flagValue !== undefined) {
    return { value: flagValue, source: `--${flag}` };
  }
  const fromEnvironment = env[variable];
  return fromEnvironment === undefined || fromEnvironment === ''
    ? { value: undefined, source: `--${flag}` }
    : { value: fromEnvironment, source: variable };
}

const SWITCH_WORDS = new Map([['1', true], ['true', true], ['yes', true], ['0', false], ['false', false], ['no', false]]);

/** A variable that turns a switch on (`1`, `true`, `yes`) or off (`0`, `false`, `no`); undefined when unset or empty. */
export function readSwitchVariable(command: string, variable: string, env: NodeJS.ProcessEnv): boolean | undefined {
  const text = env[variable];
  if (text === undefined || text === '') {
    return undefined;
  }
  const value = SWITCH_WORDS.get(text.trim().toLowerCase());
  if (value === undefined) {
    throw new CommandOptionsError(command, [`expected ${variable} to be 1, true or yes (on) or 0, false or no (off), got \`${text}\``]);
  }
  return value;
}

/** Runs each option's reader, so every bad option is reported at once rather than the first alone. */
export function collectOptionProblems(command: string): { read<T>(reader: () => T): T | undefined; finish(): void } {
  const problems: string[] = [];
  return {
    read(reader) {
      try {
        return reader();
      } catch (error) {
        if (!(error instanceof CommandOptionsError)) {
          throw error;
        }
        problems.push(...error.problems);
        return undefined;
      }
    },
    finish() {
      if (problems.length > 0) {
        throw new CommandOptionsError(command, problems);
      }
    },
  };
}
