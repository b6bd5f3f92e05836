// TAP's diagnostics are a YAML block after a test point. Producers write a small,
// predictable subset (node: `duration_ms`, `error`, `stack`; ava: `message`,
// `details`), so this reads top-level keys only: scalars, quoted strings and block
// scalars become text, and nested maps or lists are kept as their dedented lines.

export function readYamlBlock(lines: readonly string[]): Record<string, string> {
  const baseIndent = Math.min(...lines.filter((line) => line.trim() !== '').map(measureIndent));
  const dedented = lines.map((line) => line.slice(Math.min(baseIndent, measureIndent(line))));
  const fields: Record<string, string> = Object.create(null);
  for (let position = 0; position < dedented.length; position += 1) {
    const match = /^([^\s:#'"][^:]*):(?:\s+(.*))?$/.exec(dedented[position]);
    if (!match) {
      continue;
    }
    const [, key, rawValue = ''] = match;
    const nested: string[] = [];
    while (position + 1 < dedented.length && (dedented[position + 1].trim() === '' || measureIndent(dedented[position + 1]) > 0)) {
      position += 1;
      nested.push(dedented[position]);
    }
    fields[key.trim()] = readValue(rawValue.trim(), nested);
  }
  return fields;
}

function readValue(value: string, nested: string[]): string {
  if (/^[|>][-+]?$/.test(value)) {
    const body = dedent(nested);
    const text = value.startsWith('>') ? body.filter(Boolean).join(' ') : body.join('\n');
    return value.endsWith('-') ? text.replace(/\n+$/, '') : text;
  }
  if (value === '') {
    return dedent(nested).join('\n').trimEnd();
  }
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) {
    return value.slice(1, -1).replaceAll("''", "'");
  }
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  return value;
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map(measureIndent);
  const indent = indents.length === 0 ? 0 : Math.min(...indents);
  const body = lines.map((line) => line.slice(Math.min(indent, measureIndent(line))));
  while (body.length > 0 && body.at(-1)!.trim() === '') body.pop();
  return body;
}

function measureIndent(line: string): number {
  return line.length - line.trimStart().length;
}
