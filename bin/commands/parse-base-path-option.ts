// `serve --base-path PATH` (or PONY_BUILD_BASE_PATH): the sub-path the whole site is served under.
import { BASE_PATH_EXPECTED, resolveBasePath, ServerOptionError } from '../../server/index.ts';
import { CommandOptionsError } from './parse-command-options.ts';
import type { PickedOption } from './read-option-variables.ts';

/** '' for the root; a bad value is reported under the flag or variable it came by. */
export function parseBasePathOption(command: string, option: PickedOption): string {
  try {
    return resolveBasePath(option.value);
  } catch (error) {
    if (error instanceof ServerOptionError) {
      throw new CommandOptionsError(command, [`expected ${option.source} to be ${BASE_PATH_EXPECTED}, got \`${option.value}\``]);
    }
    throw error;
  }
}
