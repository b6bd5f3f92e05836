// Uploads the artifacts steps named, once the server stored the result: the upload needs the
// result's auth_key, which add_results and finish_build answer (docs/PROTOCOL.md, "Uploads").
// Contexts remove their directories before then, so each artifact is copied aside (a clone
// where the file system can) when its step ends; the copies go once uploaded or given up.
import { constants } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunEvent } from '../events.ts';
import type { RunEventConsumer } from '../run/event-bus.ts';
import { postHonouringRetryAfter } from './honour-retry-after.ts';
import type { SentResult } from './server-calls.ts';
import type { ServerAddress } from './server-url.ts';
import { describeTransportFailure } from './transport-failure.ts';
import { splitCredentials } from './xmlrpc-client.ts';

const UPLOAD_TIMEOUT_MS = 10 * 60_000;

interface StagedArtifact {
  name: string;
  size: number;
  description: string;
  /** The copy; undefined when the file could not be copied (`problem` says why). */
  copy?: string;
  problem?: string;
}

export interface ArtifactUploadReport {
  uploaded: Array<{ name: string; size: number }>;
  failed: Array<{ name: string; problem: string }>;
}

export interface ArtifactUploader {
  /** Copies each step's artifacts aside when the step ends, before its context is left. */
  consume: RunEventConsumer;
  /** Uploads every copied artifact to the stored result, then removes the copies. Never throws. */
  upload(server: ServerAddress, stored: SentResult): Promise<ArtifactUploadReport>;
  /** Removes the copies without uploading them (the result was not stored). Answers how many there were. */
  discard(): Promise<number>;
}

export function createArtifactUploader(): ArtifactUploader {
  const staged: StagedArtifact[] = [];
  const stepDirectories = new Map<number, string>();
  let directory: Promise<string> | undefined;

  const stage = async (event: Extract<RunEvent, { type: 'step:end' }>) => {
    const cwd = stepDirectories.get(event.index);
    for (const artifact of event.result.artifacts ?? []) {
      const entry: StagedArtifact = {
        name: artifact.name,
        size: artifact.size,
        description: `step ${event.index + 1} (${event.result.name}): ${artifact.name}`,
      };
      staged.push(entry);
      try {
        directory ??= mkdtemp(path.join(os.tmpdir(), 'pony-build-artifacts-'));
        const copy = path.join(await directory, String(staged.length));
        await copyFile(path.resolve(cwd ?? '.', artifact.name), copy, constants.COPYFILE_FICLONE);
        entry.copy = copy;
      } catch (error) {
        entry.problem = `could not keep it for the upload: ${(error as Error).message}`;
      }
    }
  };

  const removeCopies = async () => {
    if (directory !== undefined) {
      await rm(await directory, { recursive: true, force: true }).catch(() => undefined);
    }
  };

  return {
    consume(event) {
      if (event.type === 'step:start') {
        stepDirectories.set(event.index, event.cwd);
      } else if (event.type === 'step:end' && (event.result.artifacts?.length ?? 0) > 0) {
        return stage(event);
      }
      return undefined;
    },
    async upload(server, stored) {
      const report: ArtifactUploadReport = { uploaded: [], failed: [] };
      try {
        for (const artifact of staged) {
          const problem = artifact.problem ?? (await sendArtifact(server, stored.authKey, artifact));
          if (problem === undefined) {
            report.uploaded.push({ name: artifact.name, size: artifact.size });
          } else {
            report.failed.push({ name: artifact.name, problem });
          }
        }
      } finally {
        await removeCopies();
      }
      return report;
    },
    async discard() {
      await removeCopies();
      return staged.length;
    },
  };
}

/** POST /upload with the file as the body; answers what went wrong, or undefined once stored. */
async function sendArtifact(server: ServerAddress, authKey: string, artifact: StagedArtifact): Promise<string | undefined> {
  const { target, authorization } = splitCredentials(server.xmlrpcUrl.replace(/xmlrpc$/, 'upload'));
  target.search = new URLSearchParams({
    description: artifact.description, filename: artifact.name, auth_key: authKey, visible: 'yes',
  }).toString();
  try {
    const content = await readFile(artifact.copy!);
    const answer = await postHonouringRetryAfter(target, {
      'Content-Type': 'application/octet-stream',
      'User-Agent': 'pony-build',
      ...(authorization ? { Authorization: authorization } : {}),
    }, content, UPLOAD_TIMEOUT_MS, { what: `the upload of ${artifact.name}` });
    if (answer.status === 200) {
      return undefined;
    }
    return `HTTP ${answer.status}: ${answer.body.toString('utf8').trim().slice(0, 300)}`;
  } catch (error) {
    return describeTransportFailure(error, UPLOAD_TIMEOUT_MS).description;
  }
}
