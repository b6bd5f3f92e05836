// The live builds' calls over either transport, so one scenario runs over XML-RPC (the npm
// `xmlrpc` package as a third-party client) and over the JSON API, and a refused call reads
// alike from both.
import { createThirdPartyClient } from './xmlrpc-client.ts';

export type Transport = 'xmlrpc' | 'json';

export const TRANSPORTS: readonly Transport[] = ['xmlrpc', 'json'];

export interface BegunBuild {
  resultKey: number;
  updateToken: string;
}

export interface StoredKeys {
  resultKey: number;
  authKey: string;
}

/** A call the server refused: the fault over XML-RPC, the status and error over JSON. */
export class Refusal extends Error {
  override name = 'Refusal';
  /** The faultCode, or the HTTP status. */
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

export interface LiveClient {
  transport: Transport;
  beginBuild(clientInfo: unknown): Promise<BegunBuild>;
  addStep(updateToken: string, step: unknown): Promise<void>;
  appendOutput(updateToken: string, stepIndex: number, stream: string, text: string, offset?: number): Promise<void>;
  finishBuild(updateToken: string, clientInfo: unknown, resultsList?: unknown[]): Promise<StoredKeys>;
  addResults(clientInfo: unknown, resultsList: unknown[]): Promise<StoredKeys>;
}

export function createLiveClient(transport: Transport, url: string): LiveClient {
  return transport === 'xmlrpc' ? createXmlRpcLiveClient(url) : createJsonLiveClient(url);
}

/** The refusal a call answers with; fails when the call succeeds. */
export async function readRefusal(call: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    const answer = await call;
    throw new Error(`expected a refusal, got ${JSON.stringify(answer)}`);
  } catch (error) {
    if (!(error instanceof Refusal)) {
      throw error;
    }
    return { code: error.code, message: error.message };
  }
}

/** `GET /api/v1/results/<key>`, parsed. */
export async function readLiveResult(url: string, resultKey: number): Promise<any> {
  const response = await fetch(new URL(`api/v1/results/${resultKey}`, url));
  if (response.status !== 200) {
    throw new Error(`GET /api/v1/results/${resultKey} answered ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

function createXmlRpcLiveClient(url: string): LiveClient {
  const client = createThirdPartyClient(url);
  const call = async (method: string, params: unknown[]) => {
    try {
      return await client.call(method, params);
    } catch (error) {
      const { faultCode, faultString } = error as { faultCode?: unknown; faultString?: unknown };
      if (typeof faultCode === 'number' && typeof faultString === 'string') {
        throw new Refusal(faultCode, faultString);
      }
      throw error;
    }
  };
  const expectTrue = (answer: unknown) => {
    if (answer !== true) {
      throw new Error(`expected true, got ${JSON.stringify(answer)}`);
    }
  };
  return {
    transport: 'xmlrpc',
    async beginBuild(clientInfo) {
      const [resultKey, updateToken] = await call('begin_build', [clientInfo]);
      return { resultKey, updateToken };
    },
    async addStep(updateToken, step) {
      expectTrue(await call('add_step', [updateToken, step]));
    },
    async appendOutput(updateToken, stepIndex, stream, text, offset) {
      const params = [updateToken, stepIndex, stream, text];
      expectTrue(await call('append_output', offset === undefined ? params : [...params, offset]));
    },
    async finishBuild(updateToken, clientInfo, resultsList) {
      const params = resultsList === undefined ? [updateToken, clientInfo] : [updateToken, clientInfo, resultsList];
      const [resultKey, authKey] = await call('finish_build', params);
      return { resultKey, authKey };
    },
    async addResults(clientInfo, resultsList) {
      const [resultKey, authKey] = await call('add_results', [clientInfo, resultsList]);
      return { resultKey, authKey };
    },
  };
}

function createJsonLiveClient(url: string): LiveClient {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(new URL(`api/v1/${path}`, url), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const answer = await response.json() as any;
    if (response.status >= 400) {
      throw new Refusal(response.status, answer.error);
    }
    return answer;
  };
  const expectOk = (answer: unknown) => {
    if (JSON.stringify(answer) !== '{"ok":true}') {
      throw new Error(`expected {"ok":true}, got ${JSON.stringify(answer)}`);
    }
  };
  const token = (updateToken: string) => `builds/${encodeURIComponent(updateToken)}`;
  return {
    transport: 'json',
    async beginBuild(clientInfo) {
      const answer = await post('builds', { client_info: clientInfo });
      return { resultKey: answer.result_key, updateToken: answer.update_token };
    },
    async addStep(updateToken, step) {
      expectOk(await post(`${token(updateToken)}/steps`, { step }));
    },
    async appendOutput(updateToken, stepIndex, stream, text, offset) {
      expectOk(await post(`${token(updateToken)}/output`, { step_index: stepIndex, stream, text, offset }));
    },
    async finishBuild(updateToken, clientInfo, resultsList) {
      const answer = await post(`${token(updateToken)}/finish`, { client_info: clientInfo, results_list: resultsList });
      return { resultKey: answer.result_key, authKey: answer.auth_key };
    },
    async addResults(clientInfo, resultsList) {
      const answer = await post('results', { client_info: clientInfo, results_list: resultsList });
      return { resultKey: answer.result_key, authKey: answer.auth_key };
    },
  };
}
