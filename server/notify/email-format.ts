// What every pony-build mail shares: how a builder is named in a subject, the HTML escaper (every
// text in a mail's HTML part comes from clients or the configuration, so every one goes through
// it), and the HTML page around a mail's body.
import { escapeHtml } from '../web/escape-html.ts';

export { escapeHtml };

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** The builder of a tagset as mails name it: `widget on builder-1 [node20, nightly]`. */
export interface BuilderName {
  package: string;
  host: string;
  /** The visible tags (without `__package=`, `__host=`, `__arch=`). */
  tags: readonly string[];
}

export function describeBuilder({ package: packageName, host, tags }: BuilderName): string {
  const where = host === '' ? '' : ` on ${host}`;
  return `${packageName}${where}${tags.length > 0 ? ` [${tags.join(', ')}]` : ''}`;
}

// A subject is one header line: a line break from a client's package name must not start another header.
export function formatSubject(text: string): string {
  return `[pony-build] ${text}`.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}


/** A link, or the escaped text alone when there is no absolute URL to link to. */
export function linkHtml(url: string | null, text: string): string {
  return url === null ? escapeHtml(text) : `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
}

/** A whole HTML document around `bodyHtml`, which must already be escaped. */
export function wrapHtml(title: string, bodyHtml: string): string {
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n`
    + `<body style="font-family: sans-serif">\n${bodyHtml}\n</body></html>\n`;
}
