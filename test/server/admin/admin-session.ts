// A browser's side of the admin pages, with fetch: a cookie jar, the form token a page carries,
// and signing in as the login form does.
import { createCoordinator } from '../../../server/index.ts';
import { openStoreOf } from '../helpers/server.ts';

/** Adds an admin straight to the database a running server uses. */
export async function addAdmin(db: string, name: string, password: string): Promise<void> {
  const coordinator = createCoordinator(await openStoreOf(db));
  try {
    await coordinator.putAdmin(name, password);
  } finally {
    await coordinator.close();
  }
}

/** The cookies one browser holds for the site: what Set-Cookie gave, sent back as Cookie. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) {
        this.cookies.delete(name.trim());
      } else {
        this.cookies.set(name.trim(), value.trim());
      }
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface SiteVisitor {
  jar: CookieJar;
  /** A page read with the jar's cookies; its answer's cookies go into the jar. */
  get(path: string): Promise<{ status: number; headers: Headers; html: string }>;
  /** A form posted from a page of the site (Origin set), with the jar's cookies. */
  post(path: string, fields: Array<[string, string]>, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; html: string }>;
  /** The form token the page at `path` gives this visitor. */
  readFormToken(path?: string): Promise<string>;
}

export function createVisitor(url: string): SiteVisitor {
  const jar = new CookieJar();
  const send = async (path: string, init: RequestInit) => {
    const response = await fetch(new URL(path, url), { redirect: 'manual', ...init, headers: { Cookie: jar.header(), ...init.headers } });
    jar.take(response);
    return { status: response.status, headers: response.headers, html: await response.text() };
  };
  const visitor: SiteVisitor = {
    jar,
    get: (path) => send(path, {}),
    post: (path, fields, headers = {}) => send(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin, ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
    async readFormToken(path = 'login') {
      const { html } = await visitor.get(path);
      const token = /<input type="hidden" name="csrf" value="([^"]+)">/.exec(html)?.[1];
      if (!token) {
        throw new Error(`the page ${path} holds no form token:\n${html}`);
      }
      return token;
    },
  };
  return visitor;
}

/** A visitor signed in as `name`, with the form token of its session. */
export async function signIn(url: string, name: string, password: string): Promise<SiteVisitor & { csrf: string }> {
  const visitor = createVisitor(url);
  const answer = await visitor.post('login', [['csrf', await visitor.readFormToken()], ['name', name], ['password', password]]);
  if (answer.status !== 303) {
    throw new Error(`signing in as ${name} answered ${answer.status}:\n${answer.html}`);
  }
  return { ...visitor, csrf: await visitor.readFormToken() };
}
