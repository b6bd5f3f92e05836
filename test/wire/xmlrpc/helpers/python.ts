// Runs a real Python 3 as the XML-RPC peer the original pony-build clients and server are.
import { spawn } from 'node:child_process';

/** Runs `python3 -c script` with `input` on stdin; resolves with stdout, rejects with stderr. */
export function runPython(script: string, input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolve(Buffer.concat(stdout).toString('utf8'));
      } else {
        reject(new Error(`python3 exited with ${code}: ${Buffer.concat(stderr).toString('utf8')}`));
      }
    });
    child.stdin.end(input);
  });
}
