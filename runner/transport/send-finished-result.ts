// Sends a finished result whole, after the build: finish_build when the build was begun live
// (it finishes even once abandoned), else add_results. Both are safe to repeat: the
// submission id and the update token make a second send store nothing new
// (docs/PROTOCOL.md, "Submission ids", "Live builds").
import { XmlRpcFault } from '../../wire/xmlrpc/index.ts';
import type { ClientInfo, StepResult } from '../../wire/types.ts';
import { createServerCall, finishBuild } from './live-calls.ts';
import { describeStoredResult, sendResults, type SentResult } from './server-calls.ts';
import type { ServerAddress } from './server-url.ts';

export interface FinishedResult {
  clientInfo: ClientInfo;
  results: StepResult[];
  /** The token begin_build answered, when the build was begun live. */
  updateToken?: string;
}

export async function sendFinishedResult(server: ServerAddress, result: FinishedResult, timeoutMs?: number): Promise<SentResult> {
  if (result.updateToken !== undefined) {
    try {
      const finished = await finishBuild(createServerCall(server, timeoutMs), result.updateToken, result.clientInfo, result.results);
      return describeStoredResult(server, finished.resultKey, finished.authKey);
    } catch (error) {
      // A server that no longer knows the token (its database replaced, say) still takes the result whole.
      if (!(error instanceof XmlRpcFault)) {
        throw error;
      }
    }
  }
  return sendResults(server, result.clientInfo, result.results, timeoutMs);
}
