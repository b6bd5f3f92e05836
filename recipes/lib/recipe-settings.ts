// A recipe's own settings come from environment variables, because runRecipe owns the command
// line. Every variable read is remembered with its meaning, so `--help` can list them, and
// every missing one is collected, so a cron line is fixed in one pass rather than one per run.

export interface SettingDescription {
  name: string;
  /** What the variable gives, phrased to follow its name: "the git URL of the package to build". */
  meaning: string;
  required: boolean;
  defaultValue?: string;
}

export class RecipeSettings {
  readonly problems: string[] = [];
  readonly described: SettingDescription[] = [];

  constructor(private readonly env: Record<string, string | undefined> = process.env) {}

  /** A variable the recipe cannot run without; when missing it is a problem and '' is returned. */
  require(name: string, meaning: string, example: string): string {
    this.describe({ name, meaning, required: true });
    const value = this.lookUp(name);
    if (value === undefined) {
      this.problems.push(`${name} is not set: it names ${meaning} (e.g. ${name}=${example})`);
      return '';
    }
    return value;
  }

  /** A variable with a fallback, when unset or empty. */
  read(name: string, meaning: string, defaultValue: string): string {
    this.describe({ name, meaning, required: false, defaultValue });
    return this.lookUp(name) ?? defaultValue;
  }

  /** A variable that may be absent. */
  readOptional(name: string, meaning: string): string | undefined {
    this.describe({ name, meaning, required: false });
    return this.lookUp(name);
  }

  /** A list such as `a,b` (separator `,`) or `--x --y` (separator whitespace); empty items are dropped. */
  readList(name: string, meaning: string, separator: ',' | 'whitespace'): string[] {
    const value = this.readOptional(name, meaning) ?? '';
    const items = separator === ',' ? value.split(',') : value.split(/\s+/);
    return items.map((item) => item.trim()).filter((item) => item !== '');
  }

  /** One line per problem, ready for the terminal. */
  describeProblems(): string {
    return this.problems.length === 1
      ? this.problems[0]
      : `${this.problems.length} settings are missing:\n  ${this.problems.join('\n  ')}`;
  }

  /** The variables this recipe reads, for `--help`. */
  formatHelp(): string {
    if (this.described.length === 0) {
      return '';
    }
    const width = Math.max(...this.described.map((setting) => setting.name.length));
    const lines = this.described.map((setting) => {
      const note = setting.required ? ' (required)' : setting.defaultValue === undefined ? '' : ` (default: ${setting.defaultValue})`;
      return `  ${setting.name.padEnd(width)}  ${setting.meaning}${note}`;
    });
    return `\nEnvironment variables this recipe reads:\n${lines.join('\n')}\n`;
  }

  private describe(setting: SettingDescription): void {
    if (!this.described.some((known) => known.name === setting.name)) {
      this.described.push(setting);
    }
  }

  // An empty value counts as unset, so `FOO= tsx recipe.ts` falls back like a missing FOO.
  private lookUp(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }
}
