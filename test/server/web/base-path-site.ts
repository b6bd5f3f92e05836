// A pony-build site as it runs behind a reverse proxy under /ci: `pony-build serve --trust-proxy
// --base-path /ci` as a real child process, and in front of it a small proxy written with
// node:http that forwards each request unchanged (prefix included, as nginx's `location /ci/`
// with `proxy_pass http://127.0.0.1:8080;` does), streams both ways, and adds X-Forwarded-For,
// -Proto and -Host. The Host header it sends is the server's own, so the site only knows its
// public address from the forwarded headers.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { projectRoot, startTypeScript, type Running } from '../../helpers/child-process.ts';

export const BASE_PATH = '/ci';

export interface ProxiedSite {
  /** The site as its users reach it: `http://127.0.0.1:<proxy port>/ci/`. */
  url: string;
  /** The server itself, behind the proxy: `http://127.0.0.1:<port>/ci/`. */
  serverUrl: string;
  /** Resolves once the server's log (its stderr, a line per request) matches. */
  waitForServerLog(pattern: RegExp): Promise<void>;
  close(): Promise<void>;
}

const cli = path.join(projectRoot, 'bin/cli.ts');

/** The site on the database `serve` options name (default a SQLite file in `directory`). */
export async function startProxiedSite(directory: string, databaseArguments = ['--db', 'ci.db']): Promise<ProxiedSite> {
  // A build held midway stays running however long the tests take, whatever its tagset's last build took.
  writeFileSync(path.join(directory, 'server.json'), JSON.stringify({ live: { abandon_after: '4h' } }));
  const serve = startTypeScript(cli, ['serve', '--port', '0', ...databaseArguments, '--config', 'server.json', '--trust-proxy', '--base-path', BASE_PATH], {
    cwd: directory,
  });
  let serverLog = '';
  serve.child.stderr!.on('data', (chunk: string) => (serverLog += chunk));
  const waitForServerLog = (pattern: RegExp) => new Promise<void>((resolve) => {
    const check = () => {
      if (pattern.test(serverLog)) {
        serve.child.stderr!.off('data', check);
        resolve();
      }
    };
    serve.child.stderr!.on('data', check);
    check();
  });
  const serverUrl = await waitForServeUrl(serve);
  const proxy = await startProxy(new URL(serverUrl));
  return {
    url: new URL(`${BASE_PATH}/`, proxy.origin).href,
    serverUrl,
    waitForServerLog,
    async close() {
      await proxy.close();
      serve.child.kill('SIGTERM');
      await serve.finished;
    },
  };
}

async function waitForServeUrl(serve: Running): Promise<string> {
  await serve.waitForOutput('(database: ');
  return /listening on (http:\/\/\S+\/) /.exec(serve.stdoutSoFar())![1]!;
}

async function startProxy(target: URL): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const upstream = http.request({
      host: target.hostname,
      port: target.port,
      method: request.method,
      path: request.url,
      headers: {
        ...request.headers,
        host: target.host,
        'x-forwarded-for': request.socket.remoteAddress,
        'x-forwarded-proto': 'http',
        'x-forwarded-host': request.headers.host,
      },
    }, (answer) => {
      response.writeHead(answer.statusCode!, answer.headers);
      // Piped as it comes, so an event stream reaches the browser event by event.
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    // A browser leaving a page ends its event stream upstream too.
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
