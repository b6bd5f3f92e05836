// The one mail `pony-build notify-failures` sends: every failing tagset, with a link to its
// newest result (README "E-mail").
import { describeBuilder, escapeHtml, formatSubject, linkHtml, wrapHtml, type BuilderName, type MailContent } from './email-format.ts';

export interface FailingTagset extends BuilderName {
  arch: string;
  resultKey: number;
  /** When the server received the failing result. */
  receivedAt: Date;
  /** The first step that failed the build, when one did. */
  failedStep: string | null;
  /** The result's page. */
  url: string;
}

export interface FailureSummaryOptions {
  /** The server, as the reader knows it (no credentials). */
  serverUrl: string;
  /** `24h` when only results that recent were looked at, else null. */
  since: string | null;
}

export function composeFailureSummary(failures: readonly FailingTagset[], { serverUrl, since }: FailureSummaryOptions): MailContent {
  const count = failures.length === 1 ? '1 failing build' : `${failures.length} failing builds`;
  const within = since === null ? '' : ` in the last ${since}`;
  const subject = formatSubject(`${count}${within} on ${new URL(serverUrl).host}`);
  const intro = `${count}${within} on ${serverUrl}:`;
  const lines = failures.map((failure) => {
    const step = failure.failedStep === null ? '' : `, at step "${failure.failedStep}"`;
    return `- ${describeBuilder(failure)} (${failure.arch}): failed ${failure.receivedAt.toISOString()}${step}\n  ${failure.url}`;
  });
  const items = failures.map((failure) => {
    const step = failure.failedStep === null ? '' : `, at step <code>${escapeHtml(failure.failedStep)}</code>`;
    return `<li>${linkHtml(failure.url, describeBuilder(failure))} (${escapeHtml(failure.arch)}): failed `
      + `${escapeHtml(failure.receivedAt.toISOString())}${step}</li>`;
  });
  return {
    subject,
    text: `${intro}\n\n${lines.join('\n')}\n`,
    html: wrapHtml(subject, `<p>${escapeHtml(count + within)} on ${linkHtml(serverUrl, serverUrl)}:</p>\n<ul>\n${items.join('\n')}\n</ul>`),
  };
}
