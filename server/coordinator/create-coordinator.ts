// The facade: composes the commands and queries over one store and one clock into the typed
// Coordinator API (every method is documented in types.ts). Nothing here decides anything.
import { addResults } from '../commands/add-results.ts';
import { addUpload } from '../commands/add-upload.ts';
import { createBuildRelease, createShouldBuildCheck } from '../commands/check-should-build.ts';
import { createRemovalCommands } from '../commands/remove-results.ts';
import { requestBuild } from '../commands/request-build.ts';
import { EMPTY_SERVER_CONFIG } from '../config/types.ts';
import { getDashboard } from '../queries/dashboard.ts';
import { listExpectedBuilders } from '../queries/list-expected-builders.ts';
import { getPackageHistory } from '../queries/package-history.ts';
import { listPackageResults } from '../queries/package-results.ts';
import { findNeighbourResults, getLastResultForTagset, getResult } from '../queries/result.ts';
import { getResultPage } from '../queries/result-page.ts';
import { compareTestsWithPrevious, getResultTests, listTestCases } from '../queries/result-tests.ts';
import { findTagsets, getTagsetsForPackage, listPackages } from '../queries/tagsets.ts';
import { getTestHistory } from '../queries/test-history.ts';
import { isAuthKeyKnown, listUploads } from '../queries/uploads.ts';
import type { Store } from '../store/types.ts';
import type { Coordinator, CoordinatorOptions } from './types.ts';

/** The coordinator over a store; closing it closes the store. */
export function createCoordinator(store: Store, options: CoordinatorOptions = {}): Coordinator {
  const now = options.now ?? (() => Date.now() / 1000);
  const expected = options.expected ?? EMPTY_SERVER_CONFIG.expected;
  const { stop: stopRemoving, ...removal } = createRemovalCommands({
    store, retention: options.retention ?? EMPTY_SERVER_CONFIG.retention, now,
  });

  return {
    addResults: (clientInfo, resultsList, origin) =>
      addResults(store, clientInfo, resultsList, { clientIp: origin.clientIp, receivedAt: now() }),
    checkShouldBuild: createShouldBuildCheck(store, now),
    releaseBuild: createBuildRelease(store),
    requestBuild: (clientInfo) => requestBuild(store, clientInfo, now()),
    addUpload: (input) => addUpload(store, input, now()),
    ...removal,

    getResult: (resultKey) => getResult(store, resultKey),
    getTagsetsForPackage: (packageName) => getTagsetsForPackage(store, packageName),
    getLastResultForTagset: (packageName, tagset) => getLastResultForTagset(store, packageName, tagset),
    listPackages: () => listPackages(store),
    countResults: () => store.countResults(),

    getDashboard: () => getDashboard(store, now()),
    getPackageHistory: (packageName, historyOptions) => getPackageHistory(store, packageName, historyOptions),
    listPackageResults: (packageName, pageOptions) => listPackageResults(store, packageName, pageOptions),
    getResultPage: (resultKey, testsOptions) => getResultPage(store, resultKey, testsOptions),
    findNeighbourResults: (resultKey) => findNeighbourResults(store, resultKey),
    findTagsets: (packageName, selector) => findTagsets(store, packageName, selector),
    listExpectedBuilders: () => listExpectedBuilders(store, expected, now()),

    listTestCases: (resultKey) => listTestCases(store, resultKey),
    compareTestsWithPrevious: (resultKey) => compareTestsWithPrevious(store, resultKey),
    getResultTests: (resultKey, testsOptions) => getResultTests(store, resultKey, testsOptions),
    getTestHistory: (packageName, historyOptions) => getTestHistory(store, packageName, historyOptions),

    isAuthKeyKnown: (authKey) => isAuthKeyKnown(store, authKey),
    listUploads: (resultKey, uploadOptions) => listUploads(store, resultKey, uploadOptions),
    getUpload: (resultKey, uploadId) => store.getUpload(resultKey, uploadId),

    now,
    async close() {
      await stopRemoving();
      await store.close();
    },
  };
}
