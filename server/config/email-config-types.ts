// The e-mail part of the server configuration (README "E-mail"), as the server uses it.

/** The SMTP server mail goes through. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); false: plain, upgraded by STARTTLS when the server offers it. */
  secure: boolean;
  /** Both or neither; never logged or shown. */
  user: string | null;
  pass: string | null;
  /** The From header, e.g. `pony-build <ci@example.org>`. */
  from: string;
}

/** The changes of a tagset a mail may announce (server/rules/classify-change.ts). */
export const EMAIL_CHANGES = ['broke', 'fixed', 'still_failing'] as const;

export type EmailChange = (typeof EMAIL_CHANGES)[number];

export const DEFAULT_EMAIL_CHANGES: readonly EmailChange[] = ['broke', 'fixed'];

/** Who is told of which changes. */
export interface EmailRule {
  to: string[];
  /** Only these packages' changes; null for every package. */
  packages: string[] | null;
  on: EmailChange[];
}

export interface EmailConfig {
  /** Null: no mail is sent (and then there are no rules either). */
  smtp: SmtpSettings | null;
  rules: EmailRule[];
}

export const EMPTY_EMAIL_CONFIG: EmailConfig = { smtp: null, rules: [] };
