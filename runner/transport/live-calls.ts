// The client's side of live builds (docs/PROTOCOL.md, "Live builds"): begin_build,
// add_step, append_output and finish_build, each an independent request, through one
// call function so the live reporter can be driven by a scripted one in tests.
import type { ClientInfo, OutputStream, StepResult, WireValue } from '../../wire/types.ts';
import { callXmlRpc } from './xmlrpc-client.ts';
import { ServerAnswerError } from './server-calls.ts';
import type { ServerAddress } from './server-url.ts';

/** Calls one XML-RPC method of the server and answers what it answered. */
export type ServerCall = (methodName: string, params: WireValue[]) => Promise<WireValue>;

export interface BegunBuild {
  resultKey: number;
  updateToken: string;
}

export interface FinishedBuild {
  resultKey: number;
  authKey: string;
}

export function createServerCall(server: ServerAddress, timeoutMs?: number): ServerCall {
  return (methodName, params) => callXmlRpc(server.xmlrpcUrl, methodName, params, { timeoutMs });
}

export async function beginBuild(call: ServerCall, clientInfo: ClientInfo): Promise<BegunBuild> {
  const answer = await call('begin_build', [clientInfo]);
  const resultKey = Array.isArray(answer) ? readResultKey(answer[0]) : undefined;
  if (resultKey === undefined || !Array.isArray(answer) || typeof answer[1] !== 'string' || answer[1] === '') {
    throw new ServerAnswerError('begin_build', answer);
  }
  return { resultKey, updateToken: answer[1] };
}

export async function addStep(call: ServerCall, updateToken: string, step: StepResult): Promise<void> {
  expectTrue('add_step', await call('add_step', [updateToken, step]));
}

/** `offset`: the characters of this stream of this step sent before `text`, so a retry appends nothing twice. */
export async function appendOutput(call: ServerCall, updateToken: string, stepIndex: number, stream: OutputStream, text: string, offset: number): Promise<void> {
  expectTrue('append_output', await call('append_output', [updateToken, stepIndex, stream, text, offset]));
}

/** Sends the final client_info and the complete results_list, which replaces the steps added live. */
export async function finishBuild(call: ServerCall, updateToken: string, clientInfo: ClientInfo, results: StepResult[]): Promise<FinishedBuild> {
  const answer = await call('finish_build', [updateToken, clientInfo, results]);
  const resultKey = Array.isArray(answer) ? readResultKey(answer[0]) : undefined;
  if (resultKey === undefined || !Array.isArray(answer)) {
    throw new ServerAnswerError('finish_build', answer);
  }
  return { resultKey, authKey: typeof answer[1] === 'string' ? answer[1] : '' };
}

function readResultKey(value: WireValue | undefined): number | undefined {
  const key = Number(value);
  return typeof value !== 'boolean' && Number.isSafeInteger(key) ? key : undefined;
}

function expectTrue(methodName: string, answer: WireValue): void {
  if (answer !== true) {
    throw new ServerAnswerError(methodName, answer);
  }
}
