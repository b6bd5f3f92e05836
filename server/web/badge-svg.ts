// Status badges for READMEs: a flat two-part SVG. Its text comes from package names, so it
// is escaped for XML like any other untrusted text.
import type { ResultOutcome } from '../rules/summarize-outcomes.ts';

export type BadgeStatus = 'passing' | 'failing' | 'unknown';

const BADGE_COLOURS: Record<BadgeStatus, string> = { passing: '#1a7f37', failing: '#cf222e', unknown: '#6e7781' };
const STATUS_RANK: Record<BadgeStatus, number> = { failing: 0, unknown: 1, passing: 2 };
// Wide enough for most fonts at 11px; an exact width would need the font's metrics.
const CHARACTER_WIDTH = 7;
const PADDING = 10;
const MAX_LABEL_CHARACTERS = 40;

/** The worst of the latest outcomes; unknown when there are none. */
export function findWorstStatus(outcomes: readonly ResultOutcome[]): BadgeStatus {
  const statuses = outcomes.map(toBadgeStatus);
  if (statuses.length === 0) {
    return 'unknown';
  }
  return statuses.reduce((worst, status) => (STATUS_RANK[status] < STATUS_RANK[worst] ? status : worst));
}

export function renderBadgeSvg(label: string, status: BadgeStatus): string {
  const shownLabel = label.length > MAX_LABEL_CHARACTERS ? `${label.slice(0, MAX_LABEL_CHARACTERS - 1)}…` : label;
  const labelWidth = shownLabel.length * CHARACTER_WIDTH + PADDING * 2;
  const statusWidth = status.length * CHARACTER_WIDTH + PADDING * 2;
  const width = labelWidth + statusWidth;
  const text = escapeXml(`${label}: ${status}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${text}">`,
    `<title>${text}</title>`,
    `<rect width="${labelWidth}" height="20" fill="#555"/>`,
    `<rect x="${labelWidth}" width="${statusWidth}" height="20" fill="${BADGE_COLOURS[status]}"/>`,
    '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">',
    `<text x="${labelWidth / 2}" y="14">${escapeXml(shownLabel)}</text>`,
    `<text x="${labelWidth + statusWidth / 2}" y="14">${status}</text>`,
    '</g></svg>',
    '',
  ].join('\n');
}

function toBadgeStatus(outcome: ResultOutcome): BadgeStatus {
  return outcome === 'passed' ? 'passing' : outcome === 'failed' ? 'failing' : 'unknown';
}

// Control characters are not allowed in XML 1.0 at all, not even escaped.
function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
