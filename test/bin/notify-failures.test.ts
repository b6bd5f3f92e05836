// `pony-build notify-failures` as cron runs it: a real child process asking a real server over
// XML-RPC, mailing through a real SMTP server on 127.0.0.1.
import net from 'node:net';
import path from 'node:path';
import test from 'ava';
import { projectRoot, runTypeScript } from '../helpers/child-process.ts';
import { makeClientInfo, makeStep } from '../server/helpers/results.ts';
import { startTestServer, type TestServer } from '../server/helpers/server.ts';
import { createThirdPartyClient } from '../server/helpers/xmlrpc-client.ts';
import { startTestSmtpServer } from '../server/notify/email-test-smtp.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');
const notifyFailures = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runTypeScript(cli, ['notify-failures', ...args], { env: { ...process.env, PONY_BUILD_SERVER: '', ...env } });

async function reportResults(server: TestServer, results: Array<Record<string, unknown>>): Promise<number[]> {
  const client = createThirdPartyClient(server.url);
  const keys: number[] = [];
  for (const overrides of results) {
    const failed = overrides.success === false;
    const steps = [makeStep({ name: 'configure' }), makeStep({ name: 'make check <all>', status: failed ? 2 : 0 })];
    // A key given as undefined is left out of client_info, as a client that never sent it.
    const clientInfo = Object.fromEntries(Object.entries(makeClientInfo(overrides)).filter(([, value]) => value !== undefined));
    keys.push((await client.call('add_results', [clientInfo, steps]))[0]);
  }
  return keys;
}

test('failing tagsets are mailed as one summary, text and HTML, each linked; passing ones are left out', async (t) => {
  const [server, smtp] = await Promise.all([startTestServer(t), startTestSmtpServer(t)]);
  const [widgetKey, , , evilKey] = await reportResults(server, [
    { package: 'widget', host: 'linux-1', success: false },
    { package: 'widget', host: 'mac-1', success: true },
    { package: 'gadget', host: 'linux-1', success: true },
    { package: 'evil<script>alert(1)</script>', host: 'h"ost', tags: ['<b>bold</b>'], success: false },
    // A result without `success` is neither failing nor passing.
    { package: 'unknown', success: undefined },
  ]);
  const run = await notifyFailures(['--report', server.url, '--to', 'dev@example.org', '--to', 'Ops <ops@example.org>',
    '--smtp', `127.0.0.1:${smtp.port}`, '--from', 'CI <ci@example.org>']);
  t.is(run.stderr, '');
  t.is(run.stdout, `Mailed dev@example.org, Ops <ops@example.org>: 2 failing on ${server.url}.\n`);
  t.is(run.code, 0);
  const { envelopeTo, mail } = (await smtp.waitForMails(1))[0]!;
  t.deepEqual(envelopeTo, ['dev@example.org', 'ops@example.org']);
  t.is(mail.from?.text, '"CI" <ci@example.org>');
  const host = new URL(server.url).host;
  t.is(mail.subject, `[pony-build] 2 failing builds on ${host}`);
  const evilUrl = `${server.url}results/${evilKey}`;
  const widgetUrl = `${server.url}results/${widgetKey}`;
  t.regex(mail.text!, new RegExp(`^2 failing builds on ${server.url}:\n\n`));
  t.true(mail.text!.includes(`- evil<script>alert(1)</script> on h"ost [<b>bold</b>] (linux-x86_64): failed `));
  t.true(mail.text!.includes(`, at step "make check <all>"\n  ${evilUrl}\n`));
  t.true(mail.text!.includes(`- widget on linux-1 [node20] (linux-x86_64): failed `));
  t.true(mail.text!.includes(`\n  ${widgetUrl}\n`));
  t.false(mail.text!.includes('gadget'));
  // Every client's text is escaped in the HTML part: no tag of theirs survives.
  const html = mail.html as string;
  t.false(html.includes('<script>'));
  t.false(html.includes('<b>'));
  t.true(html.includes(`<a href="${evilUrl}">evil&lt;script&gt;alert(1)&lt;/script&gt; on h&quot;ost [&lt;b&gt;bold&lt;/b&gt;]</a>`));
  t.true(html.includes('at step <code>make check &lt;all&gt;</code>'));
  t.true(html.includes(`<a href="${widgetUrl}">widget on linux-1 [node20]</a>`));
});

test('with nothing failing it says so and sends nothing; --since and --package narrow what is looked at', async (t) => {
  const [server, smtp] = await Promise.all([startTestServer(t), startTestSmtpServer(t)]);
  await reportResults(server, [{ package: 'widget', success: true }, { package: 'gadget', success: false }]);
  const smtpOption = `127.0.0.1:${smtp.port}`;
  const quiet = await notifyFailures(['--report', server.url, '--to', 'dev@example.org', '--smtp', smtpOption, '--package', 'widget', '--since', '24h']);
  t.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [0, `Nothing is failing in the last 24h on ${server.url}; no mail sent.\n`, '']);
  t.is(smtp.received.length, 0);

  const gadget = await notifyFailures(['--report', server.url, '--to', 'dev@example.org', '--smtp', smtpOption, '--since', '24h']);
  t.is(gadget.stdout, `Mailed dev@example.org: 1 failing in the last 24h on ${server.url}.\n`);
  const { mail } = (await smtp.waitForMails(1))[0]!;
  t.is(mail.subject, `[pony-build] 1 failing build in the last 24h on ${new URL(server.url).host}`);
});

test('the SMTP login comes from PONY_BUILD_SMTP_USER and PONY_BUILD_SMTP_PASS, and a refused one is named', async (t) => {
  const [server, smtp] = await Promise.all([startTestServer(t), startTestSmtpServer(t, { user: 'ci', pass: 's3cret' })]);
  await reportResults(server, [{ package: 'widget', success: false }]);
  const args = ['--report', server.url, '--to', 'dev@example.org', '--smtp', `127.0.0.1:${smtp.port}`];
  const refused = await notifyFailures(args, { PONY_BUILD_SMTP_USER: 'ci', PONY_BUILD_SMTP_PASS: 'wrong' });
  t.is(refused.code, 1);
  t.regex(refused.stderr, new RegExp(`^pony-build notify-failures: could not send mail through 127\\.0\\.0\\.1:${smtp.port}: the SMTP server refused the user name and password \\(535`));
  t.false(refused.stderr.includes('wrong'));
  const sent = await notifyFailures(args, { PONY_BUILD_SMTP_USER: 'ci', PONY_BUILD_SMTP_PASS: 's3cret' });
  t.is(sent.code, 0);
  await smtp.waitForMails(1);
});

test('a server or an SMTP server that cannot be reached is named, exit status 1; bad options exit 2', async (t) => {
  const server = await startTestServer(t);
  await reportResults(server, [{ package: 'widget', success: false }]);
  // A port that was free a moment ago: nothing listens on it.
  const closedPort = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const noServer = await notifyFailures(['--report', `http://127.0.0.1:${closedPort}/`, '--to', 'dev@example.org', '--smtp', `127.0.0.1:${closedPort}`]);
  t.is(noServer.code, 1);
  t.regex(noServer.stderr, new RegExp(`^pony-build notify-failures: could not ask http://127\\.0\\.0\\.1:${closedPort}/ what is failing: .*refused`));

  const noSmtp = await notifyFailures(['--report', server.url, '--to', 'dev@example.org', '--smtp', `127.0.0.1:${closedPort}`]);
  t.is(noSmtp.code, 1);
  t.regex(noSmtp.stderr, new RegExp(`^pony-build notify-failures: could not send mail through 127\\.0\\.0\\.1:${closedPort}: the SMTP server did not answer \\(.*ECONNREFUSED`));

  const bad = await notifyFailures(['--to', 'nobody', '--smtp', 'mail', '--since', 'soon']);
  t.is(bad.code, 2);
  t.is(bad.stderr, 'pony-build notify-failures: --report URL is required (or set PONY_BUILD_SERVER); expected --to to be an address such as dev@example.org, got `nobody`; '
    + 'expected --smtp to be HOST:PORT such as smtp.example.org:587, got `mail`; expected --since to be a duration such as 24h or 7d, got `soon`\n'
    + 'Run `pony-build notify-failures --help` for the options.\n');
  const help = await notifyFailures(['--help']);
  t.is(help.code, 0);
  t.regex(help.stdout, /^Usage: pony-build notify-failures --report URL --to ADDRESS --smtp HOST:PORT/);
});
