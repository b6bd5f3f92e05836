import { isWireStruct } from '../../wire/describe-value.ts';
import type { Receipt, WireStruct } from '../../wire/types.ts';
import { EMPTY_SERVER_CONFIG } from '../config/types.ts';
import type { StoredResult, Store, TagsetRecord } from '../store/types.ts';
import { readRevision } from '../store/read-revision.ts';
import { readTestCases } from '../store/read-test-cases.ts';
import { createAuthKey } from './auth-key.ts';
import { decodeStructTextBytes } from './decode-text-bytes.ts';
import { InvalidFieldError, UnknownAuthKeyError } from './errors.ts';
import { listExpectedBuilders } from './list-expected-builders.ts';
import { createPageQueries, toTagsetSummary } from './page-queries.ts';
import { readBuildIdentity, readDuration, readSuccess, readTags } from './read-client-info.ts';
import { createRemovalOperations } from './remove-results.ts';
import { sanitizeFilename } from './sanitize-filename.ts';
import { createSerialQueue } from './serial-queue.ts';
import { decideShouldBuild } from './should-build.ts';
import { buildTagset, makeTagsetKey } from '../../wire/tagset.ts';
import { createTestQueries } from './test-queries.ts';
import type { Coordinator, CoordinatorOptions, PackageSummary, StoredTriple, TagsetSummary } from './types.ts';

/** The coordinator over a store; closing it closes the store. */
export function createCoordinator(store: Store, options: CoordinatorOptions = {}): Coordinator {
  const now = options.now ?? (() => Date.now() / 1000);
  const runDecision = createSerialQueue();
  const expected = options.expected ?? EMPTY_SERVER_CONFIG.expected;
  const { stop: stopRemoving, ...removalOperations } = createRemovalOperations({
    store, retention: options.retention ?? EMPTY_SERVER_CONFIG.retention, now,
  });

  return {
    ...createTestQueries(store),
    ...createPageQueries(store, now),
    ...removalOperations,

    listExpectedBuilders: () => listExpectedBuilders(store, expected, now()),

    async addResults(rawClientInfo, rawResultsList, origin) {
      validateClientInfo(rawClientInfo);
      validateResultsList(rawResultsList);
      const clientInfo = decodeStructTextBytes(rawClientInfo);
      const resultsList = rawResultsList.map(decodeStructTextBytes);
      const identity = readBuildIdentity(clientInfo);
      const tagset = buildTagset(identity);
      const authKey = createAuthKey();
      const resultKey = await store.addResult({
        receivedAt: now(),
        clientIp: origin.clientIp,
        package: identity.package,
        host: identity.host,
        arch: identity.arch,
        tagset,
        tagsetKey: makeTagsetKey(tagset),
        success: readSuccess(clientInfo),
        duration: readDuration(clientInfo),
        authKey,
        revision: readRevision(clientInfo, resultsList),
        clientInfo,
        resultsList,
        // Read leniently: a broken test report never costs the build its result.
        testCases: readTestCases(resultsList),
      });
      return { resultKey, authKey };
    },

    async getResult(resultKey) {
      const stored = await store.getResult(resultKey);
      return stored && toTriple(stored);
    },

    async checkShouldBuild(clientInfo, { reserveBuild = true, buildAllowance = 0 } = {}) {
      validateClientInfo(clientInfo);
      const tagsetKey = makeTagsetKey(buildTagset(readBuildIdentity(decodeStructTextBytes(clientInfo))));
      if (!Number.isFinite(buildAllowance) || buildAllowance < 0) {
        throw new InvalidFieldError('build_allowance', 'a number of seconds, 0 or more', buildAllowance);
      }
      return runDecision(async () => {
        const buildRequested = await store.takeBuildRequest(tagsetKey);
        const [reservation, tagsetRecord] = await Promise.all([
          store.getBuildReservation(tagsetKey),
          store.getTagset(tagsetKey),
        ]);
        const time = now();
        const answer = decideShouldBuild({ now: time, buildRequested, reservation, latest: tagsetRecord?.latest });
        if (answer.build && reserveBuild) {
          await store.setBuildReservation(tagsetKey, { reservedAt: time, requestedAllowance: buildAllowance });
        }
        return answer;
      });
    },

    async requestBuild(clientInfo) {
      validateClientInfo(clientInfo);
      await store.addBuildRequest(makeTagsetKey(buildTagset(readBuildIdentity(decodeStructTextBytes(clientInfo)))), now());
    },

    async getTagsetsForPackage(packageName) {
      return (await store.listTagsets(packageName)).map((record) => record.tagset);
    },

    async getLastResultForTagset(packageName, tagset) {
      const stored = await store.getLatestResultForTagset(packageName, makeTagsetKey(readTags(tagset, 'tagset')));
      return stored && toTriple(stored);
    },

    async listPackages() {
      return groupByPackage(await store.listTagsets());
    },

    async isAuthKeyKnown(authKey) {
      return (await store.findResultKeyByAuthKey(authKey)) !== undefined;
    },

    async addUpload(input) {
      const resultKey = await store.findResultKeyByAuthKey(input.authKey);
      if (resultKey === undefined) {
        throw new UnknownAuthKeyError();
      }
      return store.addUpload({
        resultKey,
        filename: sanitizeFilename(input.filename),
        description: input.description,
        visible: input.visible,
        uploadedAt: now(),
        content: input.content,
      });
    },

    async listUploads(resultKey, { includeHidden = false } = {}) {
      const uploads = await store.listUploads(resultKey);
      return includeHidden ? uploads : uploads.filter((upload) => upload.visible);
    },

    getUpload: (resultKey, uploadId) => store.getUpload(resultKey, uploadId),
    countResults: () => store.countResults(),
    now,
    async close() {
      await stopRemoving();
      await store.close();
    },
  };
}

function validateClientInfo(clientInfo: WireStruct): void {
  if (!isWireStruct(clientInfo)) {
    throw new InvalidFieldError('client_info', 'a struct', clientInfo);
  }
}

function validateResultsList(resultsList: WireStruct[]): void {
  if (!Array.isArray(resultsList)) {
    throw new InvalidFieldError('results_list', 'an array of structs', resultsList);
  }
  resultsList.forEach((step, index) => {
    if (!isWireStruct(step)) {
      throw new InvalidFieldError(`results_list[${index}]`, 'a struct', step);
    }
  });
}

function toTriple(stored: StoredResult): StoredTriple {
  const receipt: Receipt = { time: stored.receivedAt, client_ip: stored.clientIp, result_key: String(stored.key) };
  return [receipt, stored.clientInfo, stored.resultsList];
}

function groupByPackage(records: TagsetRecord[]): PackageSummary[] {
  const packages = new Map<string, TagsetSummary[]>();
  for (const record of records) {
    const tagsets = packages.get(record.package) ?? [];
    tagsets.push(toTagsetSummary(record));
    packages.set(record.package, tagsets);
  }
  return [...packages].map(([name, tagsets]) => ({ package: name, tagsets }));
}
