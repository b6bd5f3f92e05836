// The facade: composes the commands and queries over one store and one clock into the typed
// Coordinator API (every method is documented in types.ts). Nothing here decides anything.
import { endAdminSession, findAdminSession, signInAdmin } from '../admin/sessions.ts';
import { createBuildSettler } from '../commands/abandon-stale-builds.ts';
import { addResults } from '../commands/add-results.ts';
import { putAdmin, removeAdmin } from '../commands/admins.ts';
import { addUpload } from '../commands/add-upload.ts';
import { authoriseWrite, identifyWriter } from '../commands/authorise-write.ts';
import { beginBuild } from '../commands/begin-build.ts';
import { createBuildRelease, createShouldBuildCheck } from '../commands/check-should-build.ts';
import { addClientToken, checkClientToken, revokeClientToken } from '../commands/client-tokens.ts';
import { finishBuild } from '../commands/finish-build.ts';
import { createRemovalCommands } from '../commands/remove-results.ts';
import { requestBuild } from '../commands/request-build.ts';
import { requestPushBuilds } from '../hooks/request-push-builds.ts';
import { addLiveStep, appendLiveOutput } from '../commands/update-live-build.ts';
import { DEFAULT_ARTIFACT_QUOTA_BYTES } from '../config/artifact-limits.ts';
import { EMPTY_SERVER_CONFIG } from '../config/types.ts';
import { createLiveChanges } from '../live/live-changes.ts';
import { getDashboard } from '../queries/dashboard.ts';
import { getLiveResult, listRunningBuilds } from '../queries/live-results.ts';
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
  const limits = options.limits ?? EMPTY_SERVER_CONFIG.limits;
  const settleBuilds = createBuildSettler(store, options.live ?? EMPTY_SERVER_CONFIG.live, now);
  // Reads see live builds past their allowance as abandoned: the state is written first.
  // Each call is tracked from its first moment, settling included: close() waits for those in
  // flight, so none reaches the store after it closed (a prune that was still settling used to).
  const inFlight = new Set<Promise<unknown>>();
  const settled = <Args extends unknown[], Answer>(operation: (...args: Args) => Promise<Answer>) =>
    (...args: Args): Promise<Answer> => {
      const call = settleBuilds().then(() => operation(...args));
      inFlight.add(call);
      const forget = () => inFlight.delete(call);
      call.then(forget, forget);
      return call;
    };
  const checkShouldBuild = createShouldBuildCheck(store, now);
  const auth = options.auth ?? EMPTY_SERVER_CONFIG.auth;
  const liveChanges = createLiveChanges();
  // Changes made by the other server instances sharing the store reach this one's followers too.
  const unsubscribing = store.subscribeResultChanges((resultKey) => liveChanges.announce(resultKey));
  // Rejected only on a store already closed; close() then says so.
  unsubscribing.catch(() => {});
  // Followers of a result hear of every call that changed it, after it is stored: this
  // instance's at once, the other instances' through the store.
  const announcing = async <Answer>(change: Promise<Answer>, keyOf: (answer: Answer) => number): Promise<Answer> => {
    const answer = await change;
    liveChanges.announce(keyOf(answer));
    // The change is stored: a failure to tell the others must not fail the call (its client
    // would send again what is stored already). Their followers re-read on their heartbeat.
    await store.publishResultChange(keyOf(answer)).catch(() => {});
    return answer;
  };
  const keyOfResult = (result: { resultKey: number }) => result.resultKey;
  const itself = (resultKey: number) => resultKey;
  // Queuing notifications is one insert in the same store (the worker works them out later); it never fails the call.
  const notifying = async <Answer>(change: Promise<Answer>, notify: (answer: Answer) => Promise<void> | undefined): Promise<Answer> => {
    const answer = await change;
    await notify(answer);
    return answer;
  };

  return {
    addResults: (clientInfo, resultsList, origin) =>
      notifying(announcing(addResults(store, clientInfo, resultsList, { clientIp: origin.clientIp, receivedAt: now() }, limits), keyOfResult),
        (added) => options.notifier?.resultStored(added.resultKey)),
    beginBuild: (clientInfo, origin) =>
      notifying(beginBuild(store, clientInfo, { clientIp: origin.clientIp, receivedAt: now() }), (keys) => options.notifier?.buildBegan(keys.resultKey)),
    addStep: async (updateToken, step) => {
      await announcing(addLiveStep(store, updateToken, step, now(), limits), itself);
    },
    appendOutput: async (updateToken, input) => {
      await announcing(appendLiveOutput(store, updateToken, input, now()), itself);
    },
    finishBuild: (updateToken, clientInfo, resultsList) =>
      notifying(announcing(finishBuild(store, updateToken, clientInfo, resultsList, now(), limits), keyOfResult),
        (added) => options.notifier?.resultStored(added.resultKey)),
    abandonStaleBuilds: settleBuilds,
    checkShouldBuild: settled(checkShouldBuild),
    releaseBuild: createBuildRelease(store),
    requestBuild: (clientInfo) => requestBuild(store, clientInfo, now()),
    requestPushBuilds: (push) => requestPushBuilds(store, push, now()),
    addUpload: (input) => addUpload(store, input, now(), options.artifactQuotaBytes ?? DEFAULT_ARTIFACT_QUOTA_BYTES),
    pruneResults: settled(removal.pruneResults),
    removeResult: settled(removal.removeResult),
    flushTagset: settled(removal.flushTagset),

    addClientToken: (name, scope = {}) => addClientToken(store, name, scope, now()),
    listClientTokens: () => store.listClientTokens(),
    revokeClientToken: (name) => revokeClientToken(store, name, now()),
    checkClientToken: (credentials) => checkClientToken(store, credentials),
    identifyWriter: (credentials, origin) => identifyWriter(store, auth, credentials, origin),
    authoriseWrite: (writer, request) => authoriseWrite(store, auth, writer, request, now()),

    putAdmin: (name, password) => putAdmin(store, name, password, now()),
    listAdmins: () => store.listAdmins(),
    removeAdmin: (name) => removeAdmin(store, name),
    signInAdmin: (name, password) => signInAdmin(store, name, password, now()),
    findAdminSession: (sessionId) => findAdminSession(store, sessionId, now()),
    endAdminSession: (sessionId) => endAdminSession(store, sessionId),

    getResult: settled((resultKey) => getResult(store, resultKey)),
    getLiveResult: settled((resultKey) => getLiveResult(store, resultKey)),
    listRunningBuilds: settled(() => listRunningBuilds(store)),
    getTagsetsForPackage: settled((packageName) => getTagsetsForPackage(store, packageName)),
    getLastResultForTagset: settled((packageName, tagset) => getLastResultForTagset(store, packageName, tagset)),
    listPackages: settled(() => listPackages(store)),
    countResults: () => store.countResults(),

    getDashboard: settled(() => getDashboard(store, now())),
    getPackageHistory: settled((packageName, historyOptions) => getPackageHistory(store, packageName, historyOptions)),
    listPackageResults: settled((packageName, pageOptions) => listPackageResults(store, packageName, pageOptions)),
    getResultPage: settled((resultKey, testsOptions) => getResultPage(store, resultKey, testsOptions)),
    findNeighbourResults: settled((resultKey) => findNeighbourResults(store, resultKey)),
    findTagsets: settled((packageName, selector) => findTagsets(store, packageName, selector)),
    listExpectedBuilders: settled(() => listExpectedBuilders(store, expected, now())),

    listTestCases: (resultKey) => listTestCases(store, resultKey),
    compareTestsWithPrevious: settled((resultKey) => compareTestsWithPrevious(store, resultKey)),
    getResultTests: settled((resultKey, testsOptions) => getResultTests(store, resultKey, testsOptions)),
    getTestHistory: settled((packageName, historyOptions) => getTestHistory(store, packageName, historyOptions)),

    isAuthKeyKnown: (authKey) => isAuthKeyKnown(store, authKey),
    listUploads: (resultKey, uploadOptions) => listUploads(store, resultKey, uploadOptions),
    getUpload: (resultKey, uploadId) => store.getUpload(resultKey, uploadId),

    listDeliveries: (query) => store.listDeliveries(query),

    sharedRequestCounts: store.sharedRequestCounts,

    followResult: liveChanges.follow,
    endFollowers: liveChanges.endAll,

    // Not settled: a health check only reads, and must not write abandoned builds.
    checkHealth: () => store.checkReadable(),
    now,
    async close() {
      liveChanges.endAll();
      await (await unsubscribing)();
      await stopRemoving();
      await Promise.allSettled([...inFlight]);
      await store.close();
    },
  };
}
