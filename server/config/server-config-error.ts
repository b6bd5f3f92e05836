/** The configuration file is unreadable or has problems; every problem is listed, each with its JSON path. */
export class ServerConfigError extends Error {
  override name = 'ServerConfigError';
  /** The file, when the configuration came from one. */
  readonly source: string | undefined;
  /** One line per problem, e.g. `expected[1].max_age: expected a duration ..., got "soon"`. */
  readonly problems: string[];

  constructor(problems: string[], source?: string) {
    const where = source === undefined ? 'the server configuration' : `the server configuration ${source}`;
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`${where} has ${count}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.source = source;
    this.problems = problems;
  }
}
