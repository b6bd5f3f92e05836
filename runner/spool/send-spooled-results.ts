// Sends what the spool holds, oldest first, each removed only once the server acknowledged
// it. A server that cannot answer keeps the rest of its entries for the next try; an entry
// it refused is set aside (it would be refused again) so it never blocks the ones after it.
import { sendFinishedResult } from '../transport/send-finished-result.ts';
import { isServerUnavailable } from '../transport/server-unavailable.ts';
import type { ClientToken } from '../transport/client-token.ts';
import { parseServerUrl, type ServerAddress } from '../transport/server-url.ts';
import { ResultFileError } from '../result-file/result-file.ts';
import { listSpoolEntries, readSpoolEntry, removeSpoolEntry, setSpoolEntryAside } from './spool-entry.ts';

export interface SpoolSendOptions {
  /** Send only this server's entries, with its credentials; without it, each entry goes to the server it names. */
  server?: ServerAddress;
  /** Without `server`: the client token (--token, $PONY_BUILD_TOKEN) sent to each server, whose spooled URL holds none. */
  token?: ClientToken;
  /** Told of each result sent. */
  print: (line: string) => void;
  /** Told of what failed and what stays spooled. */
  warn: (line: string) => void;
  timeoutMs?: number;
}

export interface SpoolSendReport {
  sent: number;
  /** Entries left in the spool because their server could not answer. */
  kept: number;
  rejected: number;
}

export async function sendSpooledResults(directory: string, options: SpoolSendOptions): Promise<SpoolSendReport> {
  const report: SpoolSendReport = { sent: 0, kept: 0, rejected: 0 };
  const unavailable = new Set<string>();
  for (const file of await listSpoolEntries(directory)) {
    let entry;
    try {
      entry = await readSpoolEntry(file);
    } catch (error) {
      await setAside(file, error as Error, options, report);
      continue;
    }
    if (options.server !== undefined && entry.server !== options.server.webUrl) {
      continue;
    }
    if (unavailable.has(entry.server)) {
      report.kept += 1;
      continue;
    }
    try {
      const server = options.server ?? parseServerUrl(entry.server, options.token);
      const sent = await sendFinishedResult(server, { clientInfo: entry.client_info, results: entry.results_list, updateToken: entry.update_token }, options.timeoutMs);
      await removeSpoolEntry(file);
      report.sent += 1;
      options.print(`Spooled result reported: ${sent.url} (was ${file})`);
    } catch (error) {
      if (!isServerUnavailable(error)) {
        await setAside(file, error as Error, options, report);
        continue;
      }
      unavailable.add(entry.server);
      report.kept += 1;
      options.warn(`pony-build: could not send the spooled results to ${entry.server} (${(error as Error).message}); they stay in ${directory}`);
    }
  }
  return report;
}

async function setAside(file: string, error: Error, options: SpoolSendOptions, report: SpoolSendReport): Promise<void> {
  report.rejected += 1;
  const reason = error instanceof ResultFileError ? 'cannot be read' : 'was refused by the server';
  const destination = await setSpoolEntryAside(file);
  options.warn(`pony-build: the spooled result ${file} ${reason} (${error.message}); it was moved to ${destination} and will not be sent again`);
}
