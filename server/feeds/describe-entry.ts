// A result as a feed item's words: a title that names package, tagset, host and the change,
// and an HTML description with the first failing step and failing tests. Everything from the
// client is escaped here, so the description is markup only where we wrote it.
import type { ResultChange } from '../rules/classify-change.ts';
import { escapeHtml } from '../web/escape-html.ts';
import type { FeedEntry } from './feed-types.ts';

// A message is a hint of what went wrong; the result page has the rest.
const MESSAGE_CHARACTERS = 300;

const CHANGE_WORDS: Record<ResultChange, string> = {
  broke: 'broke',
  fixed: 'fixed',
  still_failing: 'still failing',
  still_passing: 'passed',
  unknown: 'no outcome reported',
};

/** Plain text: `hello [linux, py3.12] on builder1 (x86_64): broke`. */
export function describeEntryTitle(entry: FeedEntry): string {
  const tags = entry.visibleTags.length > 0 ? ` [${entry.visibleTags.join(', ')}]` : '';
  const place = [entry.host, entry.arch && `(${entry.arch})`].filter(Boolean).join(' ');
  return `${entry.package}${tags}${place ? ` on ${place}` : ''}: ${CHANGE_WORDS[entry.change]}`;
}

/** HTML, every client text escaped; `resultUrl` is the result page's absolute URL. */
export function describeEntryHtml(entry: FeedEntry, resultUrl: string): string {
  const parts = [
    `<p>Result <a href="${escapeHtml(resultUrl)}">#${entry.resultKey}</a>: ${escapeHtml(describeEntryTitle(entry))} (${entry.outcome}).</p>`,
  ];
  const failure = entry.failure;
  if (failure?.firstFailingStep) {
    const step = failure.firstFailingStep;
    const ending = step.ending ? `: ${escapeHtml(step.ending)}` : '';
    parts.push(`<p>First failing step: step ${step.number}, ${escapeHtml(step.name)}${ending}.</p>`);
  }
  if (failure && failure.failingTestCount > 0) {
    const items = failure.failingTests.map((test) => {
      const name = test.suite ? `${test.suite} › ${test.name}` : test.name;
      return `<li>${escapeHtml(name)}${test.message ? `: ${escapeHtml(shorten(test.message))}` : ''}</li>`;
    });
    const more = failure.failingTestCount - failure.failingTests.length;
    parts.push(`<p>Failing tests (${failure.failingTestCount}):</p>`, `<ul>${items.join('')}</ul>`);
    if (more > 0) {
      parts.push(`<p>and ${more} more.</p>`);
    }
  }
  return parts.join('\n');
}

function shorten(text: string): string {
  return text.length > MESSAGE_CHARACTERS ? `${text.slice(0, MESSAGE_CHARACTERS)}…` : text;
}
