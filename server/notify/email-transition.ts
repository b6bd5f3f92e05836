// The mail a tagset's change sends (README "E-mail"): `[pony-build] widget broke on builder-1
// [node20]`, a plain-text body and an HTML part, with a link to the result.
import type { EmailChange } from '../config/email-config-types.ts';
import { describeBuilder, escapeHtml, formatSubject, linkHtml, wrapHtml, type MailContent } from './email-format.ts';
import type { ResultFacts } from './notice-types.ts';

const CHANGE_WORDS: Record<EmailChange, string> = { broke: 'broke', fixed: 'fixed', still_failing: 'still failing' };

export function composeTransitionMail(change: EmailChange, facts: ResultFacts): MailContent {
  const builder = describeBuilder({ package: facts.package, host: facts.host, tags: facts.tagset });
  const headline = `${builder.replace(/ on |$/, ` ${CHANGE_WORDS[change]}$&`)}`;
  const subject = formatSubject(headline);
  // Without public_url the result's address is a path on the site, which a mail client cannot follow.
  const url = /^https?:\/\//.test(facts.result_url) ? facts.result_url : null;
  const details: Array<[string, string]> = [[`Result ${facts.result_key}`, facts.result_url], ['Arch', facts.arch], ['Received', facts.time]];
  if (facts.first_failing_step !== null) {
    details.push(['Failed at', `step ${facts.first_failing_step.number}: ${facts.first_failing_step.name}`]);
  }
  if (facts.failing_test_count > 0) {
    const more = facts.failing_test_count > facts.failing_tests.length ? `, and ${facts.failing_test_count - facts.failing_tests.length} more` : '';
    details.push([`Failing tests (${facts.failing_test_count})`, `${facts.failing_tests.join(', ')}${more}`]);
  }
  if (facts.revision !== null) {
    details.push(['Revision', facts.repository === null ? facts.revision : `${facts.revision} of ${facts.repository}`]);
  }
  const rows = details.map(([label, value], index) =>
    `<tr><th align="left">${escapeHtml(label)}</th><td>${index === 0 ? linkHtml(url, value) : escapeHtml(value)}</td></tr>`);
  return {
    subject,
    text: `${headline}.\n\n${details.map(([label, value]) => `${label}: ${value}`).join('\n')}\n`,
    html: wrapHtml(subject, `<p>${escapeHtml(headline)}.</p>\n<table>\n${rows.join('\n')}\n</table>`),
  };
}
