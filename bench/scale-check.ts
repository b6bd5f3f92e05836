// After a bulk load, a few results are read back through the store and compared with what
// makeResultRow says they are: the loaders write rows by hand (PostgreSQL's in SQL), and a
// measurement on rows the server would read differently would measure nothing.
import { stringifyTagged } from '../server/store/tagged-json.ts';
import type { Store } from '../server/store/types.ts';
import { FAILING_EVERY, makeResultRow, type ScalePlan } from './scale-data.ts';

function sampleKeys(results: number): number[] {
  const keys = [1, FAILING_EVERY, Math.floor(results / 2), results - 1, results].filter((key) => key >= 1 && key <= results);
  return [...new Set(keys)];
}

/** Throws naming the first result that is not as planned. */
export async function checkLoadedSample(store: Store, plan: ScalePlan, label: string): Promise<void> {
  const count = await store.countResults();
  if (count !== plan.results) {
    throw new Error(`${label}: expected ${plan.results} results after the load, found ${count}`);
  }
  for (const key of sampleKeys(plan.results)) {
    const expected = makeResultRow(plan, key);
    const stored = await store.getResult(key);
    const differs = (what: string, found: unknown, wanted: unknown) =>
      new Error(`${label}: result ${key} was loaded with ${what} ${JSON.stringify(found)?.slice(0, 300)}, expected ${JSON.stringify(wanted)?.slice(0, 300)}`);
    if (!stored) {
      throw new Error(`${label}: result ${key} was not loaded`);
    }
    if (stringifyTagged(stored.clientInfo) !== expected.clientInfo) {
      throw differs('client_info', stringifyTagged(stored.clientInfo), expected.clientInfo);
    }
    if (stringifyTagged(stored.resultsList) !== expected.resultsList) {
      throw differs('results_list', stringifyTagged(stored.resultsList), expected.resultsList);
    }
    if (stored.revision !== expected.revision || stored.tagsetKey !== expected.tagset.tagsetKey) {
      throw differs('revision and tagset', [stored.revision, stored.tagsetKey], [expected.revision, expected.tagset.tagsetKey]);
    }
    const outcome = plan.outcomes[expected.outcome];
    if (stored.success !== (outcome.success === 1) || stored.duration !== outcome.duration || stored.receivedAt !== expected.receivedAt) {
      throw differs('success, duration and time', [stored.success, stored.duration, stored.receivedAt], [outcome.success === 1, outcome.duration, expected.receivedAt]);
    }
    const cases = (await store.listTestCases(key)).map(({ stepIndex, suite, name, file, status, duration, message }) => ({ stepIndex, suite, name, file, status, duration, message }));
    if (JSON.stringify(cases) !== JSON.stringify(outcome.testCases)) {
      throw differs('test cases', cases, outcome.testCases);
    }
  }
}
