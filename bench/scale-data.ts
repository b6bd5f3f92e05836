// The data set of the scale benchmark, generated, never committed: results spread round-robin
// over ~1000 tagsets of 50 packages, every seventh failing, each with a few steps of short
// output and ten test cases. The bags are made the way add_results makes them (the same readers,
// then tagged JSON), once per tagset and outcome, with placeholders for what differs from one
// result to the next; the loaders fill the placeholders in, row by row (SQLite) or in SQL
// (PostgreSQL), by the rules below, which each loader follows to the letter.
import { createHash } from 'node:crypto';
import { readClientInfoBag, readResultsListBag } from '../server/client-input/read-bags.ts';
import { readBuildFacts } from '../server/commands/read-build-facts.ts';
import { DEFAULT_LIMITS } from '../server/config/types.ts';
import { boundMessage } from '../server/store/bound-message.ts';
import { readTestCases } from '../server/store/read-test-cases.ts';
import { stringifyTagged } from '../server/store/tagged-json.ts';
import type { TestCaseEntry } from '../server/store/test-case-types.ts';
import type { ClientInfo, StepResult } from '../wire/types.ts';

// The shape of page-latency.ts's 100,000 results (20 packages, 10 tagsets each), so the two
// benchmarks differ only in how many results there are: pages read per tagset, so their time
// follows the tagsets shown, and the dashboard's grows with them whatever the store holds.
export const PACKAGE_COUNT = 20;
export const TAGSETS_PER_PACKAGE = 10;
export const TAGSET_COUNT = PACKAGE_COUNT * TAGSETS_PER_PACKAGE;
export const TEST_CASES_PER_RESULT = 10;
/** Result keys divisible by this are failed builds. */
export const FAILING_EVERY = 7;
export const SECONDS_BETWEEN_RESULTS = 30;

/** The tagged JSON texts hold these where each result has its own value. */
export const PLACEHOLDERS = { build: '@BUILD@', revision: '@REVISION@', submission: '@SUBMISSION@' } as const;

export type Outcome = 'passed' | 'failed';

export interface ScaleTagset {
  /** 0-based; result key k belongs to tagset (k - 1) % TAGSET_COUNT. */
  index: number;
  package: string;
  host: string;
  arch: string;
  clientIp: string;
  tagsetKey: string;
  /** The tagsets table's `tags`: the canonical tagset's JSON, as the store writes it. */
  tagsJson: string;
  /** client_info as stored, with the revision and submission id placeholders. */
  clientInfo: Record<Outcome, string>;
}

export interface OutcomeTemplate {
  /** results.success */
  success: 0 | 1;
  /** results.duration, as the server reads it from client_info. */
  duration: number | null;
  /** results_list as stored, with the build placeholder. */
  resultsList: string;
  /** test_cases rows without their result's columns (result_id, package, tagset_key). */
  testCases: TestCaseEntry[];
}

export interface ScalePlan {
  results: number;
  /** received_at of key 1; key k arrived SECONDS_BETWEEN_RESULTS * (k - 1) later. */
  firstReceivedAt: number;
  tagsets: ScaleTagset[];
  outcomes: Record<Outcome, OutcomeTemplate>;
}

/** The values of one results row, placeholders filled in; the auth key is left to the loader (random, as the server makes it). */
export interface ScaleResultRow {
  id: number;
  receivedAt: number;
  tagset: ScaleTagset;
  outcome: Outcome;
  revision: string;
  submissionId: string;
  clientInfo: string;
  resultsList: string;
}

const OUTCOMES: Outcome[] = ['passed', 'failed'];

function makeSteps(outcome: Outcome): StepResult[] {
  const failed = outcome === 'failed';
  const step = (name: string, type: string, output: string, extra: Partial<StepResult> = {}): StepResult => ({
    name, type, status: 0, output, errout: '', command: ['make', name], duration: 1.5, ...extra,
  });
  const cases = Array.from({ length: TEST_CASES_PER_RESULT }, (_, index) => {
    const failing = failed && index === TEST_CASES_PER_RESULT - 1;
    return {
      name: `handles_case_${index}`,
      suite: `unit › module_${index % 3}`,
      file: `test/module_${index % 3}.test.ts`,
      status: failing ? 'failed' as const : 'passed' as const,
      duration: 0.002 + index * 0.013,
      ...(failing ? { message: 'expected <1> & got <2>', details: 'AssertionError: expected <1> & got <2>\n    at test/module_0.test.ts:42:7' } : {}),
    };
  });
  return [
    step('checkout', 'setup', `Cloning into 'src'...\nHEAD is now at ${PLACEHOLDERS.revision}\n`, { duration: 0.8 }),
    step('configure', 'build', `-- build ${PLACEHOLDERS.build}\n-- Detecting C compiler: done\n-- Configuring done\n`, { duration: 2.25 }),
    step('compile', 'build', `[1/3] cc -O2 -c src/main.c\n[2/3] cc -O2 -c src/util.c\n[3/3] \u001b[32mlinking\u001b[0m app <ok> & done\n`, {
      errout: 'src/util.c:12: warning: unused variable <tmp>\n', duration: 41.5,
    }),
    step('test', 'test', `${TEST_CASES_PER_RESULT} tests, ${failed ? 1 : 0} failed\n`, {
      status: failed ? 1 : 0, errout: failed ? 'not ok 10 - handles_case_9\n' : '', duration: 12.75,
      test_cases: cases,
      test_counts: { total: TEST_CASES_PER_RESULT, passed: TEST_CASES_PER_RESULT - (failed ? 1 : 0), failed: failed ? 1 : 0, error: 0, skipped: 0, todo: 0 },
    }),
  ];
}

function makeClientInfo(tagset: Omit<ScaleTagset, 'clientInfo' | 'tagsetKey' | 'tagsJson'>, tags: string[], outcome: Outcome): ClientInfo {
  return {
    package: tagset.package, host: tagset.host, arch: tagset.arch, tags,
    success: outcome === 'passed', duration: outcome === 'passed' ? 312.4 : 187.9,
    revision: PLACEHOLDERS.revision, submission_id: PLACEHOLDERS.submission, tempdir: '/tmp/pony-build-xyz',
  };
}

/** Everything the loaders write, for `results` results ending about now. */
export function planScaleData(results: number, now = Date.now() / 1000): ScalePlan {
  const outcomes = {} as Record<Outcome, OutcomeTemplate>;
  for (const outcome of OUTCOMES) {
    const resultsList = readResultsListBag(makeSteps(outcome), DEFAULT_LIMITS);
    outcomes[outcome] = {
      success: outcome === 'passed' ? 1 : 0,
      duration: null, // read from client_info below; the same for every tagset
      resultsList: stringifyTagged(resultsList),
      testCases: readTestCases(resultsList).map((testCase) => ({
        stepIndex: testCase.stepIndex, suite: testCase.suite, name: testCase.name, file: testCase.file,
        status: testCase.status, duration: testCase.duration, message: boundMessage(testCase.message),
      })),
    };
  }
  const tagsets = Array.from({ length: TAGSET_COUNT }, (_, index): ScaleTagset => {
    const variant = Math.floor(index / PACKAGE_COUNT);
    const identity = {
      index,
      package: `package-${index % PACKAGE_COUNT}`,
      host: `host-${variant % 10}`,
      arch: variant < 10 ? 'linux-x86_64' : 'linux-aarch64',
      clientIp: `192.0.2.${(index % 250) + 1}`,
    };
    const tags = [`config-${variant}`, ...(variant % 4 === 0 ? ['release'] : [])];
    const clientInfo = {} as Record<Outcome, string>;
    let tagsetKey = '';
    let tagsJson = '';
    for (const outcome of OUTCOMES) {
      const bag = readClientInfoBag(makeClientInfo(identity, tags, outcome));
      const facts = readBuildFacts(bag);
      clientInfo[outcome] = stringifyTagged(bag);
      tagsetKey = facts.tagsetKey;
      tagsJson = JSON.stringify(facts.tagset);
      outcomes[outcome].duration = facts.duration;
    }
    return { ...identity, tagsetKey, tagsJson, clientInfo };
  });
  return { results, firstReceivedAt: Math.floor(now) - results * SECONDS_BETWEEN_RESULTS, tagsets, outcomes };
}

export function outcomeOf(key: number): Outcome {
  return key % FAILING_EVERY === 0 ? 'failed' : 'passed';
}

export function tagsetOf(plan: ScalePlan, key: number): ScaleTagset {
  return plan.tagsets[(key - 1) % TAGSET_COUNT]!;
}

export function receivedAtOf(plan: ScalePlan, key: number): number {
  return plan.firstReceivedAt + (key - 1) * SECONDS_BETWEEN_RESULTS;
}

/** Every tagset builds each round's commit: md5 of `<package>:<round>`, and its first 8 digits again, 40 in all. */
export function revisionOf(packageName: string, key: number): string {
  const digest = createHash('md5').update(`${packageName}:${Math.floor((key - 1) / TAGSET_COUNT)}`).digest('hex');
  return digest + digest.slice(0, 8);
}

/** A UUID's shape, unique per key: 00000000-0000-4000-8000-<key as 12 hex digits>. */
export function submissionIdOf(key: number): string {
  return `00000000-0000-4000-8000-${key.toString(16).padStart(12, '0')}`;
}

export function makeResultRow(plan: ScalePlan, key: number): ScaleResultRow {
  const tagset = tagsetOf(plan, key);
  const outcome = outcomeOf(key);
  const revision = revisionOf(tagset.package, key);
  const submissionId = submissionIdOf(key);
  return {
    id: key,
    receivedAt: receivedAtOf(plan, key),
    tagset,
    outcome,
    revision,
    submissionId,
    clientInfo: tagset.clientInfo[outcome].replaceAll(PLACEHOLDERS.revision, revision).replaceAll(PLACEHOLDERS.submission, submissionId),
    resultsList: plan.outcomes[outcome].resultsList.replaceAll(PLACEHOLDERS.build, String(key)).replaceAll(PLACEHOLDERS.revision, revision),
  };
}

/** Each tagset's row as the store keeps it: its newest result and how many it holds. */
export function tagsetTotals(plan: ScalePlan): Array<{ tagset: ScaleTagset; latestResultId: number; resultCount: number }> {
  return plan.tagsets.flatMap((tagset) => {
    const resultCount = Math.floor(plan.results / TAGSET_COUNT) + (tagset.index < plan.results % TAGSET_COUNT ? 1 : 0);
    if (resultCount === 0) {
      return [];
    }
    // Key k is in tagset (k - 1) % TAGSET_COUNT, so this tagset's keys are index + 1 + n * TAGSET_COUNT.
    return [{ tagset, latestResultId: tagset.index + 1 + (resultCount - 1) * TAGSET_COUNT, resultCount }];
  });
}
