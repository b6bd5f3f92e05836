// Seeding and fetching for the page tests: results sent as a client would, pages read as a
// browser would.
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';

export async function getPage(url: string, path: string, init: RequestInit = {}) {
  const response = await fetch(new URL(path, url), { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** One log line as the result page writes it: its anchor, its number, and its (escaped) text. */
export function makeLogLine(id: string, number: number, html: string): string {
  return `<span class="line" id="${id}"><a class="line-number" href="#${id}" tabindex="-1">${number}</a><span class="line-text">${html}</span>\n</span>`;
}

/** Sends a result and returns its key; a field given as undefined is left out. */
export async function addResult(url: string, clientInfo: Record<string, unknown> = {}, steps: unknown[] = [makeStep()]): Promise<number> {
  const sent = Object.fromEntries(Object.entries(makeClientInfo(clientInfo)).filter(([, value]) => value !== undefined));
  const [key] = await createThirdPartyClient(url).call('add_results', [sent, steps]);
  return Number(key);
}

/** Posts the result page's build request form as a browser on `origin` would, with its form token and cookie. */
export async function postBuildRequest(url: string, packageName: string, form: URLSearchParams, headers: Record<string, string> = {}) {
  const { cookie, token } = await readFormToken(url);
  const fields = new URLSearchParams(form);
  fields.set('csrf', token);
  return fetch(new URL(`packages/${encodeURIComponent(packageName)}/build-requests`, url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin, Cookie: cookie, ...headers },
    body: fields.toString(),
  });
}

/** The form token an anonymous visitor's pages carry, with the cookie it must come back with. */
export async function readFormToken(url: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(new URL('login', url));
  const token = /<input type="hidden" name="csrf" value="([^"]+)">/.exec(await response.text())?.[1] ?? '';
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  return { cookie, token };
}
