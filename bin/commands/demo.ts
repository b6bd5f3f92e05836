import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../server/index.ts';
import { parseCommandOptions, parsePort, reportOptionsError } from './parse-command-options.ts';
import { waitForStopSignal } from './serve.ts';

const help = `Usage: pony-build demo [--port PORT] [--db FILE]

Starts a server (default http://127.0.0.1:8080/, or a free port when 8080 is
taken), runs recipes/example.ts reporting to it, prints where to look, and keeps
serving until Ctrl-C.
`;

const exampleRecipe = fileURLToPath(new URL('../../recipes/example.ts', import.meta.url));

export async function runDemoCommand(argv: string[]): Promise<number> {
  let port: number;
  let db: string;
  try {
    const { values } = parseCommandOptions('demo', argv, { port: { type: 'string' }, db: { type: 'string' } });
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    port = parsePort('demo', values.port, 8080);
    db = values.db ?? 'pony-build.db';
  } catch (error) {
    return reportOptionsError(error);
  }
  const server = await startServer({ port, db }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') {
      throw error;
    }
    process.stdout.write(`Port ${port} is taken; using a free one.\n`);
    return startServer({ port: 0, db });
  });
  process.stdout.write(`pony-build server listening on ${server.url}\n\nRunning ${exampleRecipe} --report ${server.url}\n\n`);
  const recipeStatus = await runExampleRecipe(server.url);
  process.stdout.write(
    `\nThe example recipe exited with status ${recipeStatus}.\n` +
      `Open ${server.url} to see its result. Press Ctrl-C to stop the server.\n`,
  );
  await waitForStopSignal();
  await server.close();
  return 0;
}

function runExampleRecipe(serverUrl: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), exampleRecipe, '--report', serverUrl, '--force-build'], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
