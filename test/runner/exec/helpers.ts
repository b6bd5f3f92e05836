import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OutputStream } from '../../../wire/types.ts';

export function getFixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
}

// Runs a node fixture with this node, whatever node is first on PATH.
export function nodeFixture(name: string, ...args: string[]): string[] {
  return [process.execPath, getFixturePath(name), ...args];
}

// The same text noisy.js prints, to compare captures byte for byte.
export function makeNoisyText(bytes: number): string {
  const lineCount = Math.ceil(bytes / 100);
  const lines: string[] = [];
  for (let line = 0; line < lineCount; line++) lines.push(`${String(line).padStart(9, '0')} ${'x'.repeat(89)}\n`);
  return lines.join('').slice(0, bytes);
}

// The block takes-turns.js writes on its turn number `turn`.
export function makeTurnText(turn: number, bytes: number): string {
  let text = '';
  for (let line = 0; text.length < bytes; line++) text += `turn ${turn} line ${line}\n`;
  return text.slice(0, bytes);
}

// A killed grandchild re-parented to an init that does not reap stays a zombie: dead, but
// still visible to kill(pid, 0).
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

// Resolves once the process is gone. A signalled process dies when the scheduler next runs
// it, which on a loaded machine takes any time, so there is no deadline here: a process that
// is never killed leaves the test to ava's timeout. The fixtures' processes would outlive any
// test run (an hour's sleep, or forever), so only the kill can make this resolve.
export async function waitUntilStopped(pid: number): Promise<void> {
  while (isProcessRunning(pid)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone, which is what the caller wants.
  }
}

export interface Delivery {
  stream: OutputStream;
  text: string;
}

// Records live output in the order it arrived.
export function recordOutput(): { deliveries: Delivery[]; onOutput: (stream: OutputStream, text: string) => void; textOf: (stream: OutputStream) => string } {
  const deliveries: Delivery[] = [];
  return {
    deliveries,
    onOutput: (stream, text) => {
      deliveries.push({ stream, text });
    },
    textOf: (stream) => deliveries.filter((delivery) => delivery.stream === stream).map((delivery) => delivery.text).join(''),
  };
}
