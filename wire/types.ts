// The wire contract's result model, shared by the client library and the server.
// It is the original pony-build's three bags (docs/PROTOCOL.md, "The three bags"); every bag is
// open-ended because the server stores any key a client sends.
import type { WholeDouble } from './whole-double.ts';

/**
 * A value that XML-RPC can carry; JSON carries the same set through a tagged codec. A
 * `<double>` is a number, or a WholeDouble when its value is whole, so it stays a double.
 */
export type WireValue =
  | string
  | number
  | WholeDouble
  | boolean
  | null
  | Date
  | Buffer
  | bigint
  | WireValue[]
  | WireStruct;

export interface WireStruct {
  [key: string]: WireValue | undefined;
}

/** Global facts about one build, sent by the client. */
export interface ClientInfo extends WireStruct {
  package: string;
  host: string;
  arch: string;
  success: boolean;
  tags: string[] | null;
  /** Seconds from the first context's start to the end of the run. */
  duration?: number;
}

export type StepType = 'setup' | 'build' | 'test' | 'package' | 'file_upload' | (string & {});

/** One step of a build, as the original's results_list entries. */
export interface StepResult extends WireStruct {
  name: string;
  type: StepType;
  /** Exit status; 0 is success, -1 when the command could not be started. */
  status: number;
  output: string;
  errout: string;
  command: string | string[];
  /** Seconds. */
  duration: number;
  /** Set when the step was allowed to fail, so a non-zero status does not fail the build. */
  allowed_to_fail?: boolean;
  /** Why the step ended other than by exiting on its own: `timeout`, `interrupted`, `spawn-error`. */
  termination?: string;
  /** The signal that ended the step's process, if any. */
  signal?: string;
  /** Set when the step's command exited leaving processes running, which were then ended. */
  ended_leftover_processes?: boolean;
  /** Bytes cut from the middle of each stream when capture was bounded. */
  output_truncated_bytes?: number;
  errout_truncated_bytes?: number;
  /** Every test case of a test step's report, in the order the report gave them. */
  test_cases?: TestCase[];
  test_counts?: TestCounts;
  /** Set only when the report was malformed, truncated or missing: what was wrong. */
  test_report_warnings?: string[];
  /** Set only when the exit status disagrees with the report, e.g. `exit status 0 but 2 tests failed`. */
  test_report_mismatch?: string;
  /** The files the step's `artifacts` globs matched, relative to its directory (uploaded when reported). */
  artifacts?: StepArtifact[];
  /** Set only when an `artifacts` glob matched nothing or the files could not be read: what was wrong. */
  artifact_warnings?: string[];
}

/** A file a step produced and names as an artifact. */
export interface StepArtifact extends WireStruct {
  /** The path relative to the step's directory, with `/` separators. */
  name: string;
  /** Bytes. */
  size: number;
}

export type TestCaseStatus = 'passed' | 'failed' | 'error' | 'skipped' | 'todo';

/** One test case from a JUnit XML, TAP or node:test report. */
export interface TestCase extends WireStruct {
  name: string;
  /** The class or enclosing suites (` › `-joined); '' when the report names none. */
  suite: string;
  file?: string;
  status: TestCaseStatus;
  /** Seconds. */
  duration: number;
  /** The failure or skip message. */
  message?: string;
  /** The stack trace or failure body. */
  details?: string;
  /** Captured stdout/stderr, where the report format carries it. */
  output?: string;
}

export interface TestCounts extends WireStruct {
  total: number;
  passed: number;
  failed: number;
  error: number;
  skipped: number;
  todo: number;
}

/** Made by the server when a result arrives. */
export interface Receipt extends WireStruct {
  /** Unix seconds; a WholeDouble when it lands on a whole second, so it is still a double. */
  time: number | WholeDouble;
  client_ip: string;
  result_key: string;
}

/** A stored result, always in this order. */
export type ResultTriple = [Receipt, ClientInfo, StepResult[]];

export type OutputStream = 'output' | 'errout';
