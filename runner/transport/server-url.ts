// Users give either the server's root URL or its XML-RPC URL (the original
// clients were configured with `http://host:port/xmlrpc`); both must work.

export interface ServerAddress {
  /** The URL XML-RPC calls go to, credentials included. */
  xmlrpcUrl: string;
  /** The server's root, for printing links to web pages (no credentials). */
  webUrl: string;
}

export class ServerUrlError extends Error {
  constructor(readonly value: string, reason: string) {
    super(`Expected the server URL to be an http:// or https:// URL, got \`${value}\`: ${reason}`);
    this.name = 'ServerUrlError';
  }
}

export function parseServerUrl(value: string): ServerAddress {
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
  const path = url.pathname.replace(/\/+$/, '');
  const rootPath = path.endsWith('/xmlrpc') ? path.slice(0, -'/xmlrpc'.length) : path;
  url.pathname = `${rootPath}/xmlrpc`;
  const xmlrpcUrl = url.href;
  url.pathname = `${rootPath}/`;
  url.username = '';
  url.password = '';
  return { xmlrpcUrl, webUrl: url.href };
}

/** The URL as it may be shown: in a terminal, a log, a hint to copy. */
export function hidePassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) {
    parsed.password = '***';
  }
  return parsed.href;
}
