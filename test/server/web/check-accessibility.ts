// axe-core in the page, for the violations people using a screen reader, a keyboard or low
// vision would meet. The site's CSP rightly refuses inline scripts, so pages checked here come
// from a browser context opened with `bypassCSP`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// WCAG 2.2 A and AA, and axe's best practices (headings, landmarks, skip links).
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface Axe {
  run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }>;
}

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The serious and critical violations on the page as it is now, one line each for a readable failure. */
export async function findSeriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async (tags) => {
    const { axe, document } = globalThis as unknown as { document: unknown; axe: Axe };
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
  }, TAGS);
  return violations
    .filter((violation: Violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation: Violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.targets.join('; ')})`);
}
