// One line of TAP, classified. Lines that are none of these are output the
// producer printed between test points, which TAP says to ignore.

export type TapLine =
  | { kind: 'test-point'; indent: number; ok: boolean; number?: number; description: string; directive?: 'skip' | 'todo'; reason: string }
  | { kind: 'plan'; indent: number; count: number }
  | { kind: 'subtest'; indent: number; name: string }
  | { kind: 'bail-out'; indent: number; reason: string }
  | { kind: 'yaml-start'; indent: number }
  | { kind: 'other'; indent: number };

export function parseTapLine(line: string): TapLine {
  const text = line.trimStart();
  const indent = line.length - text.length;
  const point = /^(not )?ok\b(?:\s+(\d+))?(?:\s*-)?\s*(.*)$/.exec(text);
  if (point) {
    return { kind: 'test-point', indent, ok: point[1] === undefined, ...(point[2] ? { number: Number(point[2]) } : {}), ...splitDirective(point[3]) };
  }
  const plan = /^1\.\.(\d+)/.exec(text);
  if (plan) {
    return { kind: 'plan', indent, count: Number(plan[1]) };
  }
  const subtest = /^#\s*Subtest:\s*(.*)$/.exec(text);
  if (subtest) {
    return { kind: 'subtest', indent, name: subtest[1].trim() };
  }
  const bailOut = /^Bail out!\s*(.*)$/i.exec(text);
  if (bailOut) {
    return { kind: 'bail-out', indent, reason: bailOut[1].trim() };
  }
  if (text.trimEnd() === '---') {
    return { kind: 'yaml-start', indent };
  }
  return { kind: 'other', indent };
}

// `# SKIP` and `# TODO` end a description unless the `#` is escaped as `\#`.
function splitDirective(rest: string): { description: string; directive?: 'skip' | 'todo'; reason: string } {
  const match = /(?<!\\)#\s*(skip|todo)\S*\s*(.*)$/i.exec(rest);
  const description = unescape((match ? rest.slice(0, match.index) : rest).trim());
  if (!match) {
    return { description, reason: '' };
  }
  return { description, directive: match[1].toLowerCase() as 'skip' | 'todo', reason: match[2].trim() };
}

function unescape(text: string): string {
  return text.replaceAll(/\\([\\#])/g, '$1');
}
