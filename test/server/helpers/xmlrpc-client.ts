// Two ways to speak XML-RPC in tests: a third-party client (the npm `xmlrpc` package), and
// raw bodies for requests no well-behaved client would send.
import xmlrpc from 'xmlrpc';

export interface ThirdPartyClient {
  call(method: string, params: unknown[]): Promise<any>;
}

export interface Fault {
  faultCode: number;
  faultString: string;
}

export function createThirdPartyClient(serverUrl: string): ThirdPartyClient {
  const url = new URL(serverUrl);
  // Credentials in the URL (`http://NAME:TOKEN@host/`) are sent as HTTP Basic auth, as build machines do.
  const basicAuth = url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined;
  const client = xmlrpc.createClient({ host: url.hostname, port: Number(url.port), path: '/xmlrpc', basic_auth: basicAuth });
  return {
    call(method, params) {
      return new Promise((resolve, reject) => {
        client.methodCall(method, params, (error: unknown, value: unknown) => (error ? reject(error) : resolve(value)));
      });
    },
  };
}

/** Calls a method and returns the fault it must answer with. */
export async function callExpectingFault(client: ThirdPartyClient, method: string, params: unknown[]): Promise<Fault> {
  try {
    const value = await client.call(method, params);
    throw new Error(`expected a fault from ${method}, got ${JSON.stringify(value)}`);
  } catch (error) {
    const { faultCode, faultString } = error as Partial<Fault>;
    if (typeof faultCode !== 'number' || typeof faultString !== 'string') {
      throw error;
    }
    return { faultCode, faultString };
  }
}

export async function postXml(serverUrl: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(new URL('xmlrpc', serverUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml', ...headers },
    body,
  });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** Reads the fault out of a response body our server wrote; undefined when it is not a fault. */
export function readFault(text: string): Fault | undefined {
  const code = /<name>faultCode<\/name><value><int>(-?\d+)<\/int>/.exec(text);
  const message = /<name>faultString<\/name><value><string>([\s\S]*?)<\/string>/.exec(text);
  if (!code || !message) {
    return undefined;
  }
  const faultString = message[1]!
    .replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#13;', '\r').replaceAll('&amp;', '&');
  return { faultCode: Number(code[1]), faultString };
}

/** A methodCall body with the given already-serialized params. */
export function methodCall(methodName: string, ...params: string[]): string {
  const body = params.map((param) => `<param><value>${param}</value></param>`).join('');
  return `<?xml version="1.0"?><methodCall><methodName>${methodName}</methodName><params>${body}</params></methodCall>`;
}
