// Mail on a tagset's changes, end to end: real submissions to a real server, whose delivery
// queue sends through a real SMTP server on 127.0.0.1.
import test from 'ava';
import { parseServerConfig } from '../../../server/index.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { startTestServer } from '../helpers/server.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';
import { startTestSmtpServer } from './email-test-smtp.ts';

test('broke and fixed are mailed with a link to the result; still failing is not, unless a rule asks', async (t) => {
  const smtp = await startTestSmtpServer(t);
  const config = parseServerConfig({
    public_url: 'https://ci.example.org/ci',
    smtp: { host: smtp.host, port: smtp.port, from: 'pony-build <ci@example.org>' },
    email: [
      { to: 'dev@example.org' },
      { to: ['watch@example.org'], packages: ['widget'], on: ['still_failing'] },
      { to: 'other@example.org', packages: ['gadget'] },
    ],
  });
  const server = await startTestServer(t, { config });
  const client = createThirdPartyClient(server.url);
  const report = async (success: boolean, overrides: Record<string, unknown> = {}) => {
    const steps = [makeStep({ name: 'configure' }), makeStep({ name: 'make <check>', status: success ? 0 : 1 })];
    return (await client.call('add_results', [makeClientInfo({ success, tags: ['node20', '<i>x</i>'], ...overrides }), steps]))[0] as number;
  };
  await report(true);
  const broke = await report(false);
  const stillFailing = await report(false);
  const fixed = await report(true, { revision: 'abc123', repository: 'https://github.com/o/widget.git' });

  // Deliveries go out oldest first, so a still-failing mail to dev@ would be here before the fixed one.
  const mails = await smtp.waitForMails(3);
  const byRecipient = (address: string) => mails.filter((mail) => mail.envelopeTo.includes(address)).map(({ mail }) => mail);
  const devMails = byRecipient('dev@example.org').sort((left, right) => left.subject!.localeCompare(right.subject!));
  t.deepEqual(devMails.map((mail) => mail.subject), [
    '[pony-build] widget broke on builder-1 [<i>x</i>, node20]',
    '[pony-build] widget fixed on builder-1 [<i>x</i>, node20]',
  ]);
  const [brokeMail, fixedMail] = devMails as [typeof devMails[0], typeof devMails[0]];
  t.is(brokeMail.from?.text, '"pony-build" <ci@example.org>');
  t.regex(brokeMail.text!, new RegExp(`^widget broke on builder-1 \\[<i>x</i>, node20\\]\\.\n\nResult ${broke}: https://ci\\.example\\.org/ci/results/${broke}\n`));
  t.true(brokeMail.text!.includes('Failed at: step 2: make <check>\n'));
  const html = brokeMail.html as string;
  t.true(html.includes(`<a href="https://ci.example.org/ci/results/${broke}">https://ci.example.org/ci/results/${broke}</a>`));
  t.true(html.includes('widget broke on builder-1 [&lt;i&gt;x&lt;/i&gt;, node20].'));
  t.true(html.includes('step 2: make &lt;check&gt;'));
  t.false(html.includes('<i>'));
  t.true(fixedMail.text!.includes(`Result ${fixed}: https://ci.example.org/ci/results/${fixed}\n`));
  t.true(fixedMail.text!.includes('Revision: abc123 of https://github.com/o/widget.git\n'));

  const watchMails = byRecipient('watch@example.org');
  t.deepEqual(watchMails.map((mail) => mail.subject), ['[pony-build] widget still failing on builder-1 [<i>x</i>, node20]']);
  t.true(watchMails[0]!.text!.includes(`Result ${stillFailing}: `));
  // A rule for another package hears nothing of this one.
  t.deepEqual(byRecipient('other@example.org'), []);
});
