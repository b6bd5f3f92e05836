// A real SMTP server on 127.0.0.1 (the smtp-server package) that keeps every mail it is given,
// parsed by mailparser, so tests read what a mail client would show.
import type { AddressInfo } from 'node:net';
import type { ExecutionContext } from 'ava';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  mail: ParsedMail;
}

export interface TestSmtpServer {
  host: string;
  port: number;
  received: ReceivedMail[];
  /** Resolves once `count` mails in all have arrived; no deadline (the test's own timeout catches a hang). */
  waitForMails(count: number): Promise<ReceivedMail[]>;
}

export async function startTestSmtpServer(t: ExecutionContext, login?: { user: string; pass: string }): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = new SMTPServer({
    // Plain text on loopback: no certificate to make, and nodemailer then does not try STARTTLS.
    disabledCommands: login === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: login === undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login?.user && auth.password === login?.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address), mail });
          for (const waiter of waiters.filter((candidate) => received.length >= candidate.count)) {
            waiter.resolve();
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    host: '127.0.0.1',
    port: (server.server.address() as AddressInfo).port,
    received,
    async waitForMails(count) {
      if (received.length < count) {
        await new Promise<void>((resolve) => waiters.push({ count, resolve }));
      }
      return received.slice(0, count);
    },
  };
}
