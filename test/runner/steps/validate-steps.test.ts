import test from 'ava';
import { build, functionStep, type StepSpec } from '../../../runner/steps/step-spec.ts';
import { findStepProblems } from '../../../runner/steps/validate-steps.ts';

test('each mistake quotes the value given and names its kind', (t) => {
  const steps = [
    undefined as unknown as StepSpec,
    build(['make', 3 as unknown as string], { cwd: { path: 'src' } as unknown as string }),
    { ...functionStep('f', async () => {}), run: 'not yet' } as unknown as StepSpec,
    build(['make'], { env: ['A=1'] as unknown as Record<string, string>, timeout: new Date(0) as unknown as number }),
    { ...build(['make']), command: [] },
  ];
  t.deepEqual(findStepProblems(steps), [
    'step 1: expected a step made with build(), test(), setup(), packageStep() or functionStep(), got `undefined` (undefined)',
    'step 2 (make 3): argument 1 of the command is `3` (number), expected a string',
    'step 2 (make 3): expected `cwd` to be a string, got `{"path":"src"}` (object)',
    'step 3 (f): expected `run` to be a function, got `not yet` (string)',
    'step 4 (make): expected `timeout` to be a positive number of seconds, got `1970-01-01T00:00:00.000Z` (Date)',
    'step 4 (make): expected `env` to be an object of strings, got `["A=1"]` (array)',
    'step 5 (): expected `command` to be a non-empty argv array, got `[]` (array)',
  ]);
});

test('artifacts must be a glob or a non-empty array of globs', (t) => {
  const steps = [
    build(['npm', 'pack'], { artifacts: '*.tgz' }),
    functionStep('f', async () => {}, { artifacts: ['dist/**', 'coverage'] }),
    build(['make'], { artifacts: [] }),
    build(['make'], { artifacts: ['ok', ''] }),
    build(['make'], { artifacts: 7 as unknown as string }),
  ];
  t.deepEqual(findStepProblems(steps), [
    'step 3 (make): expected `artifacts` to be a glob or a non-empty array of globs, got `[]` (array)',
    'step 4 (make): expected `artifacts` to be a glob or a non-empty array of globs, got `["ok",""]` (array)',
    'step 5 (make): expected `artifacts` to be a glob or a non-empty array of globs, got `7` (number)',
  ]);
});
