import { describeValue } from '../../wire/describe-value.ts';
import type { WireValue } from '../../wire/types.ts';
import { XmlRpcTransportError } from './transport-error.ts';
import { describeTransportFailure } from './transport-failure.ts';
import { postHonouringRetryAfter, type RetryAfterPolicy } from './honour-retry-after.ts';
import type { XmlRpcLimits } from '../../wire/xmlrpc/limits.ts';
import { parseMethodResponse } from '../../wire/xmlrpc/parse.ts';
import { serializeMethodCall } from '../../wire/xmlrpc/serialize.ts';

export interface CallXmlRpcOptions {
  /** Milliseconds for the whole exchange, answer included. Default 60 s. */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Bounds on the answer; defaults as for parseMethodResponse. */
  limits?: XmlRpcLimits;
  /** How an HTTP 429 is waited out before the call is sent again; the timeout is each try's. */
  retryAfter?: Partial<RetryAfterPolicy>;
  /** Where the line saying the server asked to wait goes. Default stderr. */
  say?: (line: string) => void;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Calls one XML-RPC method. Credentials in the URL (`http://name:token@host/xmlrpc`, as
 * Python's client takes them) become HTTP Basic auth and are never sent in the URL itself.
 */
export async function callXmlRpc(
  url: string,
  methodName: string,
  params: WireValue[],
  options: CallXmlRpcOptions = {},
): Promise<WireValue> {
  const timeoutMs = validateTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const { target, authorization } = splitCredentials(url);
  const body = serializeMethodCall(methodName, params);
  const headers: Record<string, string> = {
    'Content-Type': 'text/xml; charset=utf-8',
    Accept: 'text/xml',
    'User-Agent': 'pony-build',
    ...(authorization ? { Authorization: authorization } : {}),
    ...options.headers,
  };
  const shownUrl = target.href;
  let answer: Buffer;
  try {
    const response = await postHonouringRetryAfter(target, headers, body, timeoutMs, {
      what: `the XML-RPC call ${methodName}`, say: options.say, policy: options.retryAfter,
    });
    answer = response.body;
    if (response.status !== 200) {
      throw new XmlRpcTransportError({
        methodName,
        url: shownUrl,
        failure: 'http-status',
        status: response.status,
        description: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      });
    }
  } catch (error) {
    if (error instanceof XmlRpcTransportError) {
      throw error;
    }
    const { failure, description } = describeTransportFailure(error, timeoutMs);
    throw new XmlRpcTransportError({ methodName, url: shownUrl, failure, description, cause: error });
  }
  return parseMethodResponse(answer, options.limits);
}

/** The URL without its credentials, and those credentials as an HTTP Basic Authorization header. */
export function splitCredentials(url: string): { target: URL; authorization: string | undefined } {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new TypeError(`Expected an http or https XML-RPC URL, got \`${url}\``);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new TypeError(`Expected an http or https XML-RPC URL, got \`${target.protocol}\` in \`${url}\``);
  }
  if (target.username === '' && target.password === '') {
    return { target, authorization: undefined };
  }
  const credentials = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
  target.username = '';
  target.password = '';
  return { target, authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` };
}

function validateTimeout(timeoutMs: number): number {
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`Expected the \`timeoutMs\` option to be a positive integer, got ${describeValue(timeoutMs)}`);
  }
  return timeoutMs;
}
