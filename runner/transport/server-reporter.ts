// A reported run sends its result the way the original clients did: one
// add_results call with what `build:end` carries (docs/PROTOCOL.md, "The client's conversation").
import { createResultDelivery, type ResultDelivery } from '../run/result-delivery.ts';
import { sendResults, type SentResult } from './server-calls.ts';
import { hidePassword, type ServerAddress } from './server-url.ts';

export interface ServerReporterOptions {
  /** Told which URL the result goes to, password hidden. */
  debug?: (text: string) => void;
  timeoutMs?: number;
}

/** Its outcome is the server's receipt, with the result's web page, or why it could not be sent. */
export function createServerReporter(server: ServerAddress, options: ServerReporterOptions = {}): ResultDelivery<SentResult> {
  return createResultDelivery((end) => {
    options.debug?.(`add_results to ${hidePassword(server.xmlrpcUrl)}`);
    return sendResults(server, end.clientInfo, end.results, options.timeoutMs);
  });
}
