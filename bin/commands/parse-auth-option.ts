// `serve --auth MODE` (or PONY_BUILD_AUTH): who may write, overriding the configuration's auth.mode.
import { AUTH_MODES, parseServerConfig, readAuthMode, type AuthMode, type ServerConfig } from '../../server/index.ts';
import { CommandOptionsError } from './parse-command-options.ts';
import type { PickedOption } from './read-option-variables.ts';

export function parseAuthModeOption(command: string, option: PickedOption): AuthMode | undefined {
  if (option.value === undefined) {
    return undefined;
  }
  const mode = readAuthMode(option.value);
  if (mode === undefined) {
    throw new CommandOptionsError(command, [`expected ${option.source} to be one of ${AUTH_MODES.join(', ')}, got \`${option.value}\``]);
  }
  return mode;
}

/** The configuration with the command line's auth mode and --private, when given; the configuration's own cap is kept. */
export function applyAuthMode(
  config: ServerConfig | undefined, overrides: { mode: AuthMode | undefined; private?: boolean | undefined },
): ServerConfig | undefined {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  if (Object.keys(given).length === 0) {
    return config;
  }
  const base = config ?? parseServerConfig({});
  return { ...base, auth: { ...base.auth, ...given } };
}
