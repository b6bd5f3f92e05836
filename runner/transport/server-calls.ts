// The client's side of the wire protocol: the original's XML-RPC methods.
import { callXmlRpc } from './xmlrpc-client.ts';
import type { ClientInfo, StepResult } from '../../wire/types.ts';
import type { ServerAddress } from './server-url.ts';

export interface ShouldBuildAnswer {
  build: boolean;
  reason: string;
}

export interface SentResult {
  resultKey: number;
  authKey: string;
  url: string;
}

export class ServerAnswerError extends Error {
  constructor(readonly method: string, readonly answer: unknown) {
    super(`The server's answer to ${method} was not understood: ${JSON.stringify(answer)?.slice(0, 200)}`);
    this.name = 'ServerAnswerError';
  }
}

export async function checkShouldBuild(server: ServerAddress, clientInfo: ClientInfo, timeoutMs?: number): Promise<ShouldBuildAnswer> {
  const answer = await callXmlRpc(server.xmlrpcUrl, 'check_should_build', [clientInfo, true, 0], { timeoutMs });
  if (!Array.isArray(answer) || typeof answer[0] !== 'boolean') {
    throw new ServerAnswerError('check_should_build', answer);
  }
  return { build: answer[0], reason: typeof answer[1] === 'string' ? answer[1] : '' };
}

/**
 * Gives back the reservation check_should_build made for this tagset, when the client decided
 * after all not to build (docs/PROTOCOL.md, "release_build"). True when one was released.
 */
export async function releaseBuild(server: ServerAddress, clientInfo: ClientInfo, timeoutMs?: number): Promise<boolean> {
  const answer = await callXmlRpc(server.xmlrpcUrl, 'release_build', [clientInfo], { timeoutMs });
  if (typeof answer !== 'boolean') {
    throw new ServerAnswerError('release_build', answer);
  }
  return answer;
}

export async function sendResults(
  server: ServerAddress,
  clientInfo: ClientInfo,
  results: StepResult[],
  timeoutMs?: number,
): Promise<SentResult> {
  const answer = await callXmlRpc(server.xmlrpcUrl, 'add_results', [clientInfo, results], { timeoutMs });
  if (!Array.isArray(answer) || answer.length < 1) {
    throw new ServerAnswerError('add_results', answer);
  }
  const resultKey = Number(answer[0]);
  if (!Number.isSafeInteger(resultKey)) {
    throw new ServerAnswerError('add_results', answer);
  }
  return describeStoredResult(server, resultKey, answer[1]);
}

/** The receipt of a stored result, with its web page. */
export function describeStoredResult(server: ServerAddress, resultKey: number, authKey: unknown): SentResult {
  return { resultKey, authKey: typeof authKey === 'string' ? authKey : '', url: new URL(`results/${resultKey}`, server.webUrl).href };
}

export interface LastResult {
  resultKey: string;
  clientInfo: Record<string, unknown>;
}

/** The newest result reported for exactly this tagset, or undefined when there is none. */
export async function getLastResultForTagset(server: ServerAddress, packageName: string, tagset: string[], timeoutMs?: number): Promise<LastResult | undefined> {
  const answer = await callXmlRpc(server.xmlrpcUrl, 'get_last_result_for_tagset', [packageName, tagset], { timeoutMs });
  if (answer === 0) {
    return undefined;
  }
  if (!Array.isArray(answer) || answer.length < 2 || typeof answer[0] !== 'object' || typeof answer[1] !== 'object') {
    throw new ServerAnswerError('get_last_result_for_tagset', answer);
  }
  const receipt = answer[0] as Record<string, unknown>;
  return { resultKey: String(receipt.result_key), clientInfo: answer[1] as Record<string, unknown> };
}
