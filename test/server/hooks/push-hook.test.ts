// POST /hooks/push with the forges' own push bodies, signed as they sign them, against a real
// server: a genuine push makes the next check_should_build of every tagset built from that
// repository answer "build requested"; a forged one requests nothing.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import test, { type ExecutionContext } from 'ava';
import { parseServerConfig } from '../../../server/index.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

const GITHUB_SECRET = 'github-hook-secret';
const GITLAB_TOKEN = 'gitlab-hook-token';
const GITEA_SECRET = 'gitea-hook-secret';

const readFixture = (name: string) => fs.readFileSync(new URL(`fixtures/${name}`, import.meta.url));
const githubPush = readFixture('github-push.json');
const gitlabPush = readFixture('gitlab-push.json');
const giteaPush = readFixture('gitea-push.json');

const hmac = (secret: string, body: Buffer | string) => createHmac('sha256', secret).update(body).digest('hex');

// Who built what: the same GitHub repository written four ways, a second checkout, and others.
const BUILDS = {
  scpLike: { package: 'widget', host: 'linux-1', repository: 'git@github.com:octo-org/widget.git' },
  webPage: { package: 'widget', host: 'mac-1', repository: 'https://github.com/Octo-Org/Widget/' },
  secondCheckout: {
    package: 'app', host: 'linux-1', repository: 'https://example.org/app.git',
    checkouts: [
      { vcs: 'git', repository: 'https://example.org/app.git', revision: 'a1', directory: 'app' },
      { vcs: 'git', repository: 'ssh://git@github.com/octo-org/widget', revision: 'b2', directory: 'widget' },
    ],
  },
  gitlab: { package: 'gadget', host: 'linux-1', repository: 'https://gitlab.example.org/tools/gadget.git' },
  gitea: { package: 'gizmo', host: 'linux-1', repository: 'git@codeberg.example.org:forge-team/gizmo.git' },
  unrelated: { package: 'widget', host: 'bsd-1', repository: 'https://github.com/octo-org/widget-docs.git' },
  mappedPackage: { package: 'handbook', host: 'linux-1' },
} as const;

type BuildName = keyof typeof BUILDS;

async function startHookServer(t: ExecutionContext): Promise<TestServer> {
  const config = parseServerConfig({
    hooks: {
      github_secret: GITHUB_SECRET,
      gitlab_token: GITLAB_TOKEN,
      gitea_secret: GITEA_SECRET,
      repositories: { 'https://gitlab.example.org/tools/gadget': ['handbook'] },
    },
  });
  const server = await startTestServer(t, { config });
  const client = createThirdPartyClient(server.url);
  for (const build of Object.values(BUILDS)) {
    await client.call('add_results', [makeClientInfo(build), [makeStep()]]);
  }
  return server;
}

function postHook(server: TestServer, body: Buffer | string, headers: Record<string, string>) {
  return fetch(new URL('hooks/push', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
}

/** What the next check_should_build of each build's tagset answers, over XML-RPC. */
async function askShouldBuild(server: TestServer, names: readonly BuildName[]): Promise<Record<string, string>> {
  const client = createThirdPartyClient(server.url);
  const answers: Record<string, string> = {};
  for (const name of names) {
    const [, reason] = await client.call('check_should_build', [makeClientInfo(BUILDS[name]), false, 0]);
    answers[name] = reason;
  }
  return answers;
}

const ALL_BUILDS = Object.keys(BUILDS) as BuildName[];
const requestedOnly = (names: readonly BuildName[]) =>
  Object.fromEntries(ALL_BUILDS.map((name) => [name, names.includes(name) ? 'build requested' : 'build up to date']));
const tagsetOf = (name: BuildName) => ({
  package: BUILDS[name].package,
  tagset: [`__arch=linux-x86_64`, `__host=${BUILDS[name].host}`, `__package=${BUILDS[name].package}`, 'node20'],
});

test('a signed GitHub push requests every tagset built from the repository, however its URL was written', async (t) => {
  const server = await startHookServer(t);
  const response = await postHook(server, githubPush, {
    'X-GitHub-Event': 'push',
    'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    'X-Hub-Signature-256': `sha256=${hmac(GITHUB_SECRET, githubPush)}`,
    'User-Agent': 'GitHub-Hookshot/044aadd',
  });
  t.is(response.status, 200);
  t.deepEqual(await response.json(), {
    forge: 'github',
    event: 'push',
    repository: 'octo-org/widget',
    ref: 'refs/heads/main',
    requested: [tagsetOf('secondCheckout'), tagsetOf('scpLike'), tagsetOf('webPage')],
  });
  t.deepEqual(await askShouldBuild(server, ALL_BUILDS), requestedOnly(['scpLike', 'webPage', 'secondCheckout']));
});

test('a GitHub push sent form-encoded is signed over the form and read from its payload field', async (t) => {
  const server = await startHookServer(t);
  const body = new URLSearchParams({ payload: githubPush.toString('utf8') }).toString();
  const response = await postHook(server, body, {
    'Content-Type': 'application/x-www-form-urlencoded',
    'X-GitHub-Event': 'push',
    'X-Hub-Signature-256': `sha256=${hmac(GITHUB_SECRET, body)}`,
  });
  t.is(response.status, 200);
  t.is(((await response.json()) as { requested: unknown[] }).requested.length, 3);
});

test('a GitHub push with a wrong, malformed or missing signature is refused with 401 and requests nothing', async (t) => {
  const server = await startHookServer(t);
  const cases: Array<[Record<string, string>, string]> = [
    [{ 'X-Hub-Signature-256': `sha256=${hmac('not-the-secret', githubPush)}` }, 'X-Hub-Signature-256 does not match the body signed with hooks.github_secret'],
    [{ 'X-Hub-Signature-256': `sha1=${'0'.repeat(40)}` }, 'X-Hub-Signature-256 is not of the form sha256=<64 hex digits>'],
    [{}, 'the GitHub hook has no X-Hub-Signature-256 header; give the hook the secret configured on this server'],
  ];
  for (const [headers, error] of cases) {
    const response = await postHook(server, githubPush, { 'X-GitHub-Event': 'push', ...headers });
    t.is(response.status, 401);
    t.deepEqual(await response.json(), { error });
  }
  // The signature covers the body as sent: the same signature over a changed body is refused.
  const changed = Buffer.from(githubPush.toString('utf8').replace('Octo-Org/Widget', 'Octo-Org/Other'));
  const tampered = await postHook(server, changed, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': `sha256=${hmac(GITHUB_SECRET, githubPush)}` });
  t.is(tampered.status, 401);
  t.deepEqual(await askShouldBuild(server, ALL_BUILDS), requestedOnly([]));
});

test("GitHub's ping, sent when the hook is made, is answered 200 and requests nothing", async (t) => {
  const server = await startHookServer(t);
  const ping = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1, hook: { type: 'Repository', events: ['push'] } });
  const response = await postHook(server, ping, { 'X-GitHub-Event': 'ping', 'X-Hub-Signature-256': `sha256=${hmac(GITHUB_SECRET, ping)}` });
  t.is(response.status, 200);
  t.deepEqual(await response.json(), { forge: 'github', event: 'ping', requested: [] });
  t.deepEqual(await askShouldBuild(server, ALL_BUILDS), requestedOnly([]));
});

test('a GitLab push with the configured token requests the tagsets of its repository and of the packages mapped to it', async (t) => {
  const server = await startHookServer(t);
  const response = await postHook(server, gitlabPush, { 'X-Gitlab-Event': 'Push Hook', 'X-Gitlab-Token': GITLAB_TOKEN });
  t.is(response.status, 200);
  const answer = (await response.json()) as { repository: string; requested: unknown[] };
  t.is(answer.repository, 'tools/gadget');
  t.deepEqual(answer.requested, [tagsetOf('gitlab'), tagsetOf('mappedPackage')]);
  t.deepEqual(await askShouldBuild(server, ALL_BUILDS), requestedOnly(['gitlab', 'mappedPackage']));
});

test('a GitLab push with a wrong or missing token is refused with 401', async (t) => {
  const server = await startHookServer(t);
  const wrong = await postHook(server, gitlabPush, { 'X-Gitlab-Event': 'Push Hook', 'X-Gitlab-Token': 'gitlab-hook-tokeN' });
  t.is(wrong.status, 401);
  t.deepEqual(await wrong.json(), { error: 'X-Gitlab-Token is not the secret token configured as hooks.gitlab_token' });
  const missing = await postHook(server, gitlabPush, { 'X-Gitlab-Event': 'Push Hook' });
  t.is(missing.status, 401);
  t.deepEqual(await missing.json(), { error: 'the GitLab hook has no X-Gitlab-Token header; give the hook the secret configured on this server' });
  t.deepEqual(await askShouldBuild(server, ALL_BUILDS), requestedOnly([]));
});

test('Gitea and Forgejo pushes are checked against X-Gitea-Signature or X-Forgejo-Signature', async (t) => {
  const server = await startHookServer(t);
  const signature = hmac(GITEA_SECRET, giteaPush);
  // Gitea sends GitHub's and Gogs' headers too; its own decide.
  const gitea = await postHook(server, giteaPush, {
    'X-Gitea-Event': 'push', 'X-Gitea-Signature': signature, 'X-GitHub-Event': 'push', 'X-Gogs-Event': 'push',
  });
  t.is(gitea.status, 200);
  t.deepEqual(((await gitea.json()) as { requested: unknown[] }).requested, [tagsetOf('gitea')]);
  t.deepEqual(await askShouldBuild(server, ['gitea']), { gitea: 'build requested' });

  const forgejo = await postHook(server, giteaPush, {
    'X-Forgejo-Event': 'push', 'X-Forgejo-Signature': signature, 'X-Gitea-Event': 'push', 'X-Gitea-Signature': signature,
  });
  t.is(forgejo.status, 200);
  t.deepEqual(await askShouldBuild(server, ['gitea']), { gitea: 'build requested' });

  const forged = await postHook(server, giteaPush, { 'X-Gitea-Event': 'push', 'X-Gitea-Signature': hmac('guess', giteaPush) });
  t.is(forged.status, 401);
  t.deepEqual(await forged.json(), { error: 'X-Gitea-Signature does not match the body signed with hooks.gitea_secret' });
  t.deepEqual(await askShouldBuild(server, ['gitea']), { gitea: 'build up to date' });
});

test('a push to a repository nobody built is answered 200 with nothing requested', async (t) => {
  const server = await startHookServer(t);
  const body = githubPush.toString('utf8').replaceAll('Octo-Org/Widget', 'someone/else');
  const response = await postHook(server, body, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': `sha256=${hmac(GITHUB_SECRET, body)}` });
  t.is(response.status, 200);
  t.like(await response.json(), { repository: 'someone/else', requested: [] });
  t.deepEqual(await askShouldBuild(server, ALL_BUILDS), requestedOnly([]));
});

test('hooks of a forge with no secret configured, or with no forge header, are refused', async (t) => {
  const server = await startTestServer(t);
  const response = await postHook(server, githubPush, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': `sha256=${hmac(GITHUB_SECRET, githubPush)}` });
  t.is(response.status, 401);
  t.deepEqual(await response.json(), { error: 'this server takes no GitHub hooks: hooks.github_secret is not configured' });
  const anonymous = await postHook(server, githubPush, {});
  t.is(anonymous.status, 400);
  t.deepEqual(await anonymous.json(), {
    error: 'not a push hook: expected an X-GitHub-Event, X-Gitlab-Event, X-Gitea-Event or X-Forgejo-Event header',
  });
  const get = await fetch(new URL('hooks/push', server.url));
  t.is(get.status, 405);
  t.is(get.headers.get('allow'), 'POST');
});

test('hooks need no client token on a server that takes writes only with one, and count against the request rate', async (t) => {
  const config = parseServerConfig({
    auth: { mode: 'tokens' },
    limits: { requests_per_minute: 2 },
    hooks: { github_secret: GITHUB_SECRET },
  });
  const server = await startTestServer(t, { config });
  const headers = { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': `sha256=${hmac(GITHUB_SECRET, githubPush)}` };
  t.is((await postHook(server, githubPush, headers)).status, 200);
  t.is((await postHook(server, githubPush, headers)).status, 200);
  const limited = await postHook(server, githubPush, headers);
  t.is(limited.status, 429);
  t.truthy(limited.headers.get('retry-after'));
});
