// How fast the installed command starts: `pony-build --help` against `node -e 0`, and the
// time from starting `pony-build serve` on an empty database to its first answered request.
// Runs bin/pony-build.js, which runs the compiled JavaScript in dist/ (npm run build).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin/pony-build.js');
const ROUNDS = 15;

export interface StartupFigures {
  nodeMs: number;
  helpMs: number;
  helpOverNode: number;
  nodeRssMb: number;
  helpRssMb: number;
  serveFirstAnswerMs: number;
}

export async function measureCliStartup(): Promise<StartupFigures> {
  if (!existsSync(path.join(root, 'dist/bin/cli.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  // Interleaved rounds, so a burst of load on the shared machine hits both sides alike.
  const node: number[] = [];
  const help: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    node.push(timeCommand(['-e', '0']));
    help.push(timeCommand([bin, '--help']));
  }
  const serve: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    serve.push(await timeServeFirstAnswer());
  }
  const nodeMs = median(node);
  const helpMs = median(help);
  return {
    nodeMs,
    helpMs,
    helpOverNode: helpMs / nodeMs,
    nodeRssMb: peakRssMb(['-e', '0']),
    helpRssMb: peakRssMb([bin, '--help']),
    serveFirstAnswerMs: median(serve),
  };
}

function timeCommand(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  }
  return performance.now() - start;
}

function peakRssMb(args: string[]): number {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8' });
  const kilobytes = Number(result.stderr.trim().split('\n').at(-1));
  return Number.isFinite(kilobytes) ? kilobytes / 1024 : Number.NaN;
}

async function timeServeFirstAnswer(): Promise<number> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-bench-serve-'));
  const start = performance.now();
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', path.join(directory, 'empty.db')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let printed = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        printed += chunk;
        const found = /listening on (\S+)/.exec(printed);
        if (found) resolve(found[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${printed}`)));
    });
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) {
      throw new Error(`the front page answered ${response.status}`);
    }
    return performance.now() - start;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('close', resolve));
    rmSync(directory, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
