import os from 'node:os';
import { hidePassword, parseServerUrl, pickClientToken, XmlRpcTransportError, type ServerAddress } from '../../runner/transport/index.ts';
// The modules themselves, not the server's front door: this client command starts no server.
import type { SmtpSettings } from '../../server/config/email-config-types.ts';
import { parseDuration } from '../../server/config/parse-duration.ts';
import { composeFailureSummary } from '../../server/notify/email-failure-summary.ts';
import { createMailSender, MailSendError } from '../../server/notify/email-send.ts';
import { CommandOptionsError, parseCommandOptions, parsePort, reportOptionsError } from './parse-command-options.ts';
import { PackageListError, readFailingTagsets } from './read-failing-tagsets.ts';

const help = `Usage: pony-build notify-failures --report URL --to ADDRESS --smtp HOST:PORT [options]

Asks a pony-build server which tagsets are failing (their newest result failed)
and mails one summary of them, plain text and HTML, each with a link to its
result. When nothing is failing it says so and sends nothing. Run it from cron.

Options:
  --report URL, -s URL   the server's root URL or its /xmlrpc URL (default: $PONY_BUILD_SERVER)
  --to ADDRESS           who gets the mail (repeatable)
  --smtp HOST:PORT       the SMTP server to send through (port 465: TLS from the
                         start; otherwise STARTTLS when the server offers it)
  --from ADDRESS         the sender (default: pony-build <pony-build@${os.hostname()}>)
  --since DURATION       only failures reported in this last while, e.g. 24h, 7d
                         (default: every failing tagset, however old)
  --package NAME         only this package (repeatable; needed for servers that
                         cannot list their packages, such as the original's)
  -h, --help             show this help

Environment:
  PONY_BUILD_SMTP_USER, PONY_BUILD_SMTP_PASS   the SMTP login, when the server wants one
  PONY_BUILD_SERVER                           the server's URL, when --report is not given

Exit status: 0 once the summary was sent, or when nothing is failing; 1 when the
pony-build server or the SMTP server could not be reached or refused; 2 for bad options.
`;

interface NotifyFailuresOptions {
  server: ServerAddress;
  to: string[];
  smtp: SmtpSettings;
  since: string | null;
  sinceSeconds: number | null;
  packages: string[];
}

export async function runNotifyFailuresCommand(argv: string[]): Promise<number> {
  let options: NotifyFailuresOptions | undefined;
  try {
    options = parseNotifyFailuresOptions(argv, process.env);
  } catch (error) {
    return reportOptionsError(error);
  }
  if (options === undefined) {
    process.stdout.write(help);
    return 0;
  }
  const shownServer = hidePassword(options.server.webUrl);
  let failures;
  try {
    failures = await readFailingTagsets(options.server, {
      packages: options.packages,
      sinceMs: options.sinceSeconds === null ? undefined : Date.now() - options.sinceSeconds * 1000,
    });
  } catch (error) {
    const reason = error instanceof XmlRpcTransportError || error instanceof PackageListError ? error.message : (error as Error).message;
    process.stderr.write(`pony-build notify-failures: could not ask ${shownServer} what is failing: ${reason}\n`);
    return 1;
  }
  const within = options.since === null ? '' : ` in the last ${options.since}`;
  if (failures.length === 0) {
    process.stdout.write(`Nothing is failing${within} on ${shownServer}; no mail sent.\n`);
    return 0;
  }
  const mail = composeFailureSummary(failures, { serverUrl: options.server.webUrl, since: options.since });
  const sender = createMailSender(options.smtp);
  try {
    await sender.send(options.to, mail);
  } catch (error) {
    process.stderr.write(`pony-build notify-failures: ${error instanceof MailSendError ? error.message : (error as Error).message}\n`);
    return 1;
  } finally {
    sender.close();
  }
  process.stdout.write(`Mailed ${options.to.join(', ')}: ${failures.length} failing${within} on ${shownServer}.\n`);
  return 0;
}

/** Undefined when --help was asked for. */
function parseNotifyFailuresOptions(argv: string[], env: NodeJS.ProcessEnv): NotifyFailuresOptions | undefined {
  const { values } = parseCommandOptions('notify-failures', argv, {
    report: { type: 'string', short: 's' },
    'server-url': { type: 'string' },
    to: { type: 'string', multiple: true },
    smtp: { type: 'string' },
    from: { type: 'string' },
    since: { type: 'string' },
    package: { type: 'string', multiple: true },
  });
  if (values.help) {
    return undefined;
  }
  const problems: string[] = [];
  const url = values.report ?? values['server-url'] ?? env.PONY_BUILD_SERVER;
  let server: ServerAddress | undefined;
  if (!url) {
    problems.push('--report URL is required (or set PONY_BUILD_SERVER)');
  } else {
    try {
      server = parseServerUrl(url, pickClientToken(undefined, env));
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const to = values.to ?? [];
  if (to.length === 0) {
    problems.push('--to ADDRESS is required');
  }
  for (const address of to) {
    if (!/^[^\s@]+@[^\s@]+$/.test(address) && !/<[^\s@<>]+@[^\s@<>]+>\s*$/.test(address)) {
      problems.push(`expected --to to be an address such as dev@example.org, got \`${address}\``);
    }
  }
  const smtp = readSmtpOption(values.smtp, values.from, env, problems);
  const sinceSeconds = values.since === undefined ? null : parseDuration(values.since) ?? null;
  if (values.since !== undefined && sinceSeconds === null) {
    problems.push(`expected --since to be a duration such as 24h or 7d, got \`${values.since}\``);
  }
  if (problems.length > 0 || !server || !smtp) {
    throw new CommandOptionsError('notify-failures', problems);
  }
  return { server, to, smtp, since: values.since ?? null, sinceSeconds, packages: values.package ?? [] };
}

function readSmtpOption(value: string | undefined, from: string | undefined, env: NodeJS.ProcessEnv, problems: string[]): SmtpSettings | undefined {
  if (value === undefined) {
    problems.push('--smtp HOST:PORT is required');
    return undefined;
  }
  const match = /^(\[[^\]]+\]|[^:\s]+):(\d+)$/.exec(value);
  if (!match) {
    problems.push(`expected --smtp to be HOST:PORT such as smtp.example.org:587, got \`${value}\``);
    return undefined;
  }
  let port: number;
  try {
    port = parsePort('notify-failures', match[2], 25, '--smtp\'s port');
  } catch (error) {
    problems.push(...(error as CommandOptionsError).problems);
    return undefined;
  }
  const user = env.PONY_BUILD_SMTP_USER || null;
  const pass = env.PONY_BUILD_SMTP_PASS || null;
  if ((user === null) !== (pass === null)) {
    problems.push('PONY_BUILD_SMTP_USER and PONY_BUILD_SMTP_PASS go together: set both or neither');
  }
  return {
    host: match[1]!.replace(/^\[|\]$/g, ''), port, secure: port === 465, user, pass,
    from: from ?? `pony-build <pony-build@${os.hostname()}>`,
  };
}
