// The `websub_hub` key (and `serve --websub-hub`, PONY_BUILD_WEBSUB_HUB): the WebSub hub that
// feeds name and that is told of every feed a new result changed (README "Feeds").
import { describeValue } from '../../wire/describe-value.ts';

/** The hub's http(s) URL, or null when absent; a problem names the key (or flag) it came from. */
export function readWebSubHub(value: unknown, problems: string[], key = 'websub_hub'): string | null {
  if (value === undefined) {
    return null;
  }
  if (typeof value !== 'string' || !isHttpUrl(value)) {
    problems.push(`${key}: expected the hub's http:// or https:// URL, such as "https://pubsubhubbub.appspot.com/", got ${describeValue(value)}`);
    return null;
  }
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
