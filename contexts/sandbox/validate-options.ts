// Recipes run through tsx without a type check, so a misspelt option would
// otherwise be ignored silently and the sandbox built without it.
import { RecipeError } from '../../runner/index.ts';
import { describeValue } from '../../wire/describe-value.ts';

export type OptionKind = 'string' | 'string list' | 'boolean';

/** Throws a RecipeError naming every unknown or mistyped option at once. */
export function validateContextOptions(contextName: string, options: unknown, known: Record<string, OptionKind>): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new RecipeError([`${contextName}: expected an options object, got ${describeValue(options)}`]);
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    const kind = known[key];
    if (kind === undefined) {
      problems.push(`${contextName}: unknown option \`${key}\`; expected one of ${Object.keys(known).map((name) => `\`${name}\``).join(', ')}`);
    } else if (value !== undefined && !isOfKind(value, kind)) {
      problems.push(`${contextName}: expected \`${key}\` to be ${describeKind(kind)}, got ${describeValue(value)}`);
    }
  }
  if (problems.length > 0) {
    throw new RecipeError(problems);
  }
}

function isOfKind(value: unknown, kind: OptionKind): boolean {
  if (kind === 'string list') {
    return Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '');
  }
  return kind === 'string' ? typeof value === 'string' && value.trim() !== '' : typeof value === 'boolean';
}

function describeKind(kind: OptionKind): string {
  return kind === 'string list' ? 'an array of non-empty strings' : kind === 'string' ? 'a non-empty string' : 'a boolean';
}
