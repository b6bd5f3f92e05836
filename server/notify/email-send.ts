// Sends mail through the configured SMTP server with nodemailer, one connection per mail: mails
// are few (changes of a tagset's health, one summary), and a fresh connection never finds an idle
// one closed under it.
import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../config/email-config-types.ts';
import type { MailContent } from './email-format.ts';

/** The SMTP server could not be reached, refused us, or refused the mail. */
export class MailSendError extends Error {
  override name = 'MailSendError';
  /** The SMTP reply code (e.g. 535, 550), when the server answered one. */
  readonly responseCode: number | null;

  constructor(smtp: SmtpSettings, reason: string, responseCode: number | null, cause: unknown) {
    super(`could not send mail through ${smtp.host}:${smtp.port}: ${reason}`, { cause });
    this.responseCode = responseCode;
  }
}

export interface MailSender {
  /** Resolves with the SMTP server's reply once it accepted the mail. */
  send(to: readonly string[], content: MailContent): Promise<string>;
  close(): void;
}

// Long enough for a slow server, short enough that a dead one does not hold a delivery for minutes.
const TIMEOUT_MS = 30_000;

export function createMailSender(smtp: SmtpSettings): MailSender {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user === null ? undefined : { user: smtp.user, pass: smtp.pass ?? '' },
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  return {
    async send(to, content) {
      try {
        const info = await transport.sendMail({ from: smtp.from, to: [...to], subject: content.subject, text: content.text, html: content.html });
        return String(info.response ?? '');
      } catch (error) {
        throw new MailSendError(smtp, describeSmtpFailure(error), readResponseCode(error), error);
      }
    },
    close() {
      transport.close();
    },
  };
}

function describeSmtpFailure(error: unknown): string {
  const { code, response, message } = error as { code?: string; response?: string; message?: string };
  if (code === 'ECONNECTION' || code === 'ETIMEDOUT' || code === 'ESOCKET' || code === 'EDNS') {
    return `the SMTP server did not answer (${message ?? code})`;
  }
  if (code === 'EAUTH') {
    return `the SMTP server refused the user name and password (${response ?? message})`;
  }
  return response ?? message ?? String(error);
}

function readResponseCode(error: unknown): number | null {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code : null;
}
