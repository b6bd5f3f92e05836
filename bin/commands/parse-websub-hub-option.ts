// `serve --websub-hub URL` (or PONY_BUILD_WEBSUB_HUB): the WebSub hub feeds name and publish to,
// overriding the configuration's websub_hub.
import { parseServerConfig, ServerConfigError, type ServerConfig } from '../../server/index.ts';
import { CommandOptionsError } from './parse-command-options.ts';
import type { PickedOption } from './read-option-variables.ts';

/** The hub's URL, checked as the configuration key is; a bad one is reported under the flag or variable it came by. */
export function parseWebSubHubOption(command: string, option: PickedOption): string | undefined {
  if (option.value === undefined) {
    return undefined;
  }
  try {
    return parseServerConfig({ websub_hub: option.value }).websubHub ?? undefined;
  } catch (error) {
    if (error instanceof ServerConfigError) {
      throw new CommandOptionsError(command, [`expected ${option.source} to be the hub's http:// or https:// URL, got \`${option.value}\``]);
    }
    throw error;
  }
}

export function applyWebSubHub(config: ServerConfig | undefined, hub: string | undefined): ServerConfig | undefined {
  if (hub === undefined) {
    return config;
  }
  return { ...(config ?? parseServerConfig({})), websubHub: hub };
}
