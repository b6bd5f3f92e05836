import { Socket } from 'node:net';
import type { Readable } from 'node:stream';

// spawn gives the child a socket pair rather than a pipe, which queues some 200 KiB; one read
// takes what waits, so a runner that fell behind catches up in few reads.
const READ_BUFFER_BYTES = 256 * 1024;

// A read that comes back small means the child writes slower than the runner reads, and each
// such read costs system calls and a trip into JavaScript for a few kilobytes. Sleeping a
// quarter of a millisecond lets the child's writes gather into one larger read: for a step
// streaming output, half the reads and a third of the wake-ups (the child's writes then wake
// nobody). The socket pair takes ~200 KiB meanwhile, more than a fast child writes in that time.
const GATHER_BELOW_BYTES = 64 * 1024;
const GATHER_MS = 0.25;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Receives the bytes of one read, in a buffer that the next read overwrites. */
export type PipeBytesListener = (bytes: Buffer) => void;

interface SpawnedPipe {
  _handle: object | null;
}

/**
 * Reads a child's stdout or stderr pipe into one buffer reused for every read: `onBytes` must
 * copy what it keeps before returning. The returned socket pauses, resumes, ends and closes as
 * the spawned one would; only the spawned one must no longer be used.
 */
export function takeOverPipe(spawned: Readable, onBytes: PipeBytesListener): Socket {
  // The socket node's spawn made allocates a new Buffer for every read, which for a step
  // printing a gigabyte costs more than the reading itself. A socket with `onread` reads into
  // a buffer of ours, but spawn cannot be given one: its pipe handle moves to one made here.
  const pipe = spawned as unknown as SpawnedPipe;
  const handle = pipe._handle;
  if (!(spawned instanceof Socket) || handle === null || typeof handle !== 'object') {
    // `_handle` is node's own field, not its API: should a version of node not have it, the
    // spawned socket is read as it is, a new Buffer per read, which is slower but the same bytes.
    return readAsSpawned(spawned, onBytes);
  }
  // Closed without its handle, the spawned socket lets go of the pipe: node's child process
  // counts it closed and no longer resumes it when the child exits, which would undo a pause.
  pipe._handle = null;
  spawned.destroy();
  const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  const socket: Socket = new Socket({
    handle,
    readable: true,
    onread: {
      buffer,
      callback: (length: number) => {
        onBytes(buffer.subarray(0, length));
        if (length < GATHER_BELOW_BYTES && !socket.isPaused()) Atomics.wait(sleeper, 0, 0, GATHER_MS);
      },
    },
  } as ConstructorParameters<typeof Socket>[0]);
  return socket;
}

function readAsSpawned(spawned: Readable, onBytes: PipeBytesListener): Socket {
  spawned.on('data', (bytes: Buffer) => onBytes(bytes));
  return spawned as Socket;
}
