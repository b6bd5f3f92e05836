import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { Writable } from 'node:stream';

/** Writes text to the terminal; a promise asks the caller to wait until the stream takes more. */
export type TextWriter = (text: string) => void | Promise<void>;

export function createTextWriter(stream: Writable): TextWriter {
  const fd = findSynchronousFile(stream);
  if (fd === undefined) return (text) => writeWithBackpressure(stream, text);
  return (text) => {
    // Whatever the stream still holds (it was corked, say) goes first, through the stream.
    if (stream.writableLength > 0) return writeWithBackpressure(stream, text);
    if (text !== '') writeSync(fd, text);
  };
}

// A chunk larger than the stream's high-water mark makes write() return false even when it
// was written at once, as to a terminal; waiting for 'drain' then would only stop reading the
// step's output for a turn of the event loop on every chunk.
export function writeWithBackpressure(stream: Writable, text: string): void | Promise<void> {
  if (text === '' || stream.write(text) || stream.writableLength === 0) {
    return;
  }
  return new Promise((resolve) => stream.once('drain', resolve));
}

// The process's stdout or stderr sent to a file (or /dev/null) writes synchronously, as node
// documents, but its write() first copies every chunk into a new Buffer, which for a step
// printing gigabytes costs more than the write itself; writeSync on the descriptor writes the
// text without that copy. Not when someone replaced write() to see what is written.
function findSynchronousFile(stream: Writable): number | undefined {
  if ((stream !== process.stdout && stream !== process.stderr) || Object.hasOwn(stream, 'write')) return undefined;
  const fd = stream === process.stdout ? process.stdout.fd : process.stderr.fd;
  try {
    const stat = fstatSync(fd);
    return stat.isFile() || (stat.isCharacterDevice() && !isatty(fd)) ? fd : undefined;
  } catch {
    return undefined;
  }
}
