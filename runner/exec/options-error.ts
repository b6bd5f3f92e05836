/** A `runCommand` call with options that cannot work; every problem found is listed. */
export class CommandOptionsError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.length === 1 ? problems[0] : `Invalid options passed to runCommand:\n- ${problems.join('\n- ')}`);
    this.name = 'CommandOptionsError';
    this.problems = problems;
  }
}
