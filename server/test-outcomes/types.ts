// The server's rules for reading test outcomes across results name a test by suite and name.

/** Names one test: the pair that stays the same from one result to the next. */
export interface TestIdentity {
  suite: string;
  name: string;
}
