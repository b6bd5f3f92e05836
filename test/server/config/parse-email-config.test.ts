import test from 'ava';
import { parseServerConfig } from '../../../server/index.ts';
import { listConfigProblems as problemsOf } from './config-problems.ts';

test('smtp and email: defaults filled in (port 587, or 465 when secure; broke and fixed)', (t) => {
  const { email } = parseServerConfig({
    smtp: { host: 'smtp.example.org', from: 'pony-build <ci@example.org>' },
    email: [
      { to: 'dev@example.org' },
      { to: ['a@example.org', 'B <b@example.org>'], packages: ['widget'], on: ['broke', 'still_failing'] },
    ],
  });
  t.deepEqual(email, {
    smtp: { host: 'smtp.example.org', port: 587, secure: false, user: null, pass: null, from: 'pony-build <ci@example.org>' },
    rules: [
      { to: ['dev@example.org'], packages: null, on: ['broke', 'fixed'] },
      { to: ['a@example.org', 'B <b@example.org>'], packages: ['widget'], on: ['broke', 'still_failing'] },
    ],
  });
  t.like(parseServerConfig({ smtp: { host: 'mail', secure: true, user: 'u', pass: 'p', from: 'ci@example.org' } }).email.smtp, { port: 465, secure: true, user: 'u', pass: 'p' });
});

test('smtp and email: every mistake is named, and the password is never quoted', (t) => {
  t.deepEqual(problemsOf({
    smtp: { host: '', port: 70000, secure: 'yes', user: 'ci', from: 'nobody', tls: true },
    email: [{ to: 'not-an-address', on: ['broke', 'exploded'] }, 'dev@example.org'],
  }), [
    'smtp.tls: unknown key; known keys here: host, port, secure, user, pass, from',
    'smtp.host: expected a host name such as "smtp.example.org", got `` (string)',
    'smtp.secure: expected true (TLS from the start, port 465) or false (STARTTLS), got `yes` (string)',
    'smtp.port: expected a whole number from 1 to 65535, got `70000` (number)',
    'smtp: "user" and "pass" go together: give both or neither',
    'smtp.from: expected an address such as "pony-build <ci@example.org>", got `nobody` (string)',
    'email[0].to: expected an address or an array of addresses, got `not-an-address` (string)',
    'email[0].on: expected an array of broke, fixed, still_failing, got `["broke","exploded"]` (array)',
    'email[1]: expected an object with "to" and optionally "packages" and "on", got `dev@example.org` (string)',
  ]);
  t.deepEqual(problemsOf({ smtp: { host: 'mail', user: 'ci', pass: 7, from: 'ci@example.org' } }), [
    'smtp.pass: expected a non-empty string, got a value of type number',
  ]);
  t.deepEqual(problemsOf({ email: [{ to: 'dev@example.org' }] }), [
    'email: mail needs an SMTP server to go through; add "smtp": {"host": ..., "from": ...}',
  ]);
});
