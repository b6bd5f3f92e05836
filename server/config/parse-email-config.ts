// The configuration's "smtp" and "email": where mail goes through and who is told of which
// changes (README "E-mail"). The password is never quoted in a message.
import { describeValue } from '../../wire/describe-value.ts';
import { DEFAULT_EMAIL_CHANGES, EMAIL_CHANGES, type EmailChange, type EmailConfig, type EmailRule, type SmtpSettings } from './email-config-types.ts';
import { isObject, reportUnknownKeys } from './parse-server-config.ts';

const SMTP_KEYS = ['host', 'port', 'secure', 'user', 'pass', 'from'];
const EMAIL_KEYS = ['to', 'packages', 'on'];
// Enough to catch a typo such as a missing @; the SMTP server has the last word.
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>\s*$/;

/** The e-mail settings, or undefined when neither key is given (problems collected). */
export function readEmailConfig(smtpValue: unknown, emailValue: unknown, problems: string[]): EmailConfig | undefined {
  if (smtpValue === undefined && emailValue === undefined) {
    return undefined;
  }
  const smtp = readSmtp(smtpValue, problems);
  const rules = readRules(emailValue, problems);
  if (rules.length > 0 && smtpValue === undefined) {
    problems.push('email: mail needs an SMTP server to go through; add "smtp": {"host": ..., "from": ...}');
  }
  return { smtp: smtp ?? null, rules };
}

function readSmtp(value: unknown, problems: string[]): SmtpSettings | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isObject(value)) {
    problems.push(`smtp: expected an object with "host", "port", "secure", "user", "pass" and "from", got ${describeValue(value)}`);
    return undefined;
  }
  reportUnknownKeys(value, SMTP_KEYS, 'smtp', problems);
  const before = problems.length;
  if (typeof value.host !== 'string' || value.host.trim() === '') {
    problems.push(`smtp.host: expected a host name such as "smtp.example.org", got ${describeValue(value.host)}`);
  }
  if (value.secure !== undefined && typeof value.secure !== 'boolean') {
    problems.push(`smtp.secure: expected true (TLS from the start, port 465) or false (STARTTLS), got ${describeValue(value.secure)}`);
  }
  const secure = value.secure === true;
  const port = value.port ?? (secure ? 465 : 587);
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65_535) {
    problems.push(`smtp.port: expected a whole number from 1 to 65535, got ${describeValue(value.port)}`);
  }
  for (const key of ['user', 'pass']) {
    if (value[key] !== undefined && (typeof value[key] !== 'string' || value[key] === '')) {
      problems.push(`smtp.${key}: expected a non-empty string, got a value of type ${value[key] === null ? 'null' : typeof value[key]}`);
    }
  }
  if ((value.user === undefined) !== (value.pass === undefined)) {
    problems.push('smtp: "user" and "pass" go together: give both or neither');
  }
  if (typeof value.from !== 'string' || !ADDRESS.test(value.from.trim())) {
    problems.push(`smtp.from: expected an address such as "pony-build <ci@example.org>", got ${describeValue(value.from)}`);
  }
  if (problems.length > before) {
    return undefined;
  }
  return {
    host: (value.host as string).trim(), port: port as number, secure,
    user: (value.user as string | undefined) ?? null, pass: (value.pass as string | undefined) ?? null, from: (value.from as string).trim(),
  };
}

function readRules(value: unknown, problems: string[]): EmailRule[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push(`email: expected an array of {"to", "packages", "on"} objects, got ${describeValue(value)}`);
    return [];
  }
  return value.flatMap((entry, index) => {
    const rule = readRule(entry, `email[${index}]`, problems);
    return rule === undefined ? [] : [rule];
  });
}

function readRule(entry: unknown, path: string, problems: string[]): EmailRule | undefined {
  if (!isObject(entry)) {
    problems.push(`${path}: expected an object with "to" and optionally "packages" and "on", got ${describeValue(entry)}`);
    return undefined;
  }
  reportUnknownKeys(entry, EMAIL_KEYS, path, problems);
  const before = problems.length;
  const to = readStrings(entry.to, `${path}.to`, 'an address or an array of addresses', problems, (text) => ADDRESS.test(text.trim()));
  const packages = entry.packages === undefined
    ? null
    : readStrings(entry.packages, `${path}.packages`, 'an array of package names', problems, (text) => text.trim() !== '');
  const on = entry.on === undefined
    ? [...DEFAULT_EMAIL_CHANGES]
    : readStrings(entry.on, `${path}.on`, `an array of ${EMAIL_CHANGES.join(', ')}`, problems, (text) => EMAIL_CHANGES.includes(text as EmailChange));
  if (problems.length > before) {
    return undefined;
  }
  return { to: to!, packages: packages ?? null, on: [...new Set(on as EmailChange[])] };
}

/** A string (as a list of one) or a non-empty array of strings that each pass `accepts`. */
function readStrings(value: unknown, path: string, expected: string, problems: string[], accepts: (text: string) => boolean): string[] | undefined {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((item) => typeof item !== 'string' || !accepts(item))) {
    problems.push(`${path}: expected ${expected}, got ${describeValue(value)}`);
    return undefined;
  }
  return (list as string[]).map((item) => item.trim());
}
