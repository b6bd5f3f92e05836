// Users give either the server's root URL or its XML-RPC URL (the original
// clients were configured with `http://host:port/xmlrpc`); both must work.
import type { ClientToken } from './client-token.ts';

export interface ServerAddress {
  /** The URL XML-RPC calls go to, credentials included. */
  xmlrpcUrl: string;
  /** The server's root, for printing links to web pages (no credentials). */
  webUrl: string;
}

export class ServerUrlError extends Error {
  constructor(readonly value: string, reason: string) {
    super(`Expected the server URL to be an http:// or https:// URL, got \`${hideUserInfoPassword(value)}\`: ${reason}`);
    this.name = 'ServerUrlError';
  }
}

/**
 * The server's addresses. A client token given apart (--token, $PONY_BUILD_TOKEN) goes into
 * the XML-RPC URL's user info, unless the URL has credentials of its own, which win.
 */
export function parseServerUrl(value: string, token?: ClientToken): ServerAddress {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ServerUrlError(value, 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ServerUrlError(value, `unsupported scheme ${url.protocol}`);
  }
  url.search = '';
  url.hash = '';
  if (token !== undefined && url.username === '' && url.password === '') {
    url.username = encodeURIComponent(token.name);
    url.password = encodeURIComponent(token.secret);
  }
  const path = url.pathname.replace(/\/+$/, '');
  const rootPath = path.endsWith('/xmlrpc') ? path.slice(0, -'/xmlrpc'.length) : path;
  url.pathname = `${rootPath}/xmlrpc`;
  const xmlrpcUrl = url.href;
  url.pathname = `${rootPath}/`;
  url.username = '';
  url.password = '';
  return { xmlrpcUrl, webUrl: url.href };
}

/** The URL as it may be shown: in a terminal, a log, a hint to copy (`http://NAME:***@host/`). */
export function hidePassword(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return hideUserInfoPassword(url);
  }
  if (parsed.password) {
    parsed.password = '***';
  }
  return parsed.href;
}

// For text that is not a URL at all, which may still hold one's credentials.
function hideUserInfoPassword(text: string): string {
  return text.replace(/\/\/([^/@:\s]*):[^/@\s]*@/g, '//$1:***@');
}
