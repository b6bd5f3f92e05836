import { fileURLToPath } from 'node:url';

/** For `node --test --test-reporter=<this>`; also importable as `pony-build/node-test-reporter`. */
export const nodeTestReporterPath = fileURLToPath(new URL('./node-test-reporter.mjs', import.meta.url));
