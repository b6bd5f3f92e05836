// check_should_build: gathers the facts (a pending request, a reservation, the latest result)
// and applies the rules of rules/should-build.ts. Deciding reads, then writes (consumes the
// request, reserves), so decisions on one tagset run one at a time, across every server sharing
// the database: two clients asking at once are never both told "yes".
import type { WireStruct } from '../../wire/types.ts';
import { readClientInfoBag } from '../client-input/read-bags.ts';
import { readTagsetKey } from '../client-input/read-client-info.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import { decideShouldBuild, type ShouldBuildAnswer } from '../rules/should-build.ts';
import type { Store } from '../store/types.ts';
import { readOptionalName } from './read-optional-name.ts';

export interface ShouldBuildOptions {
  /** Mark the tagset as building now when the answer is yes. Default true. */
  reserveBuild?: boolean;
  /** Seconds the reservation should hold; 0 lets the server choose. Default 0. */
  buildAllowance?: number;
}

export type CheckShouldBuild = (clientInfo: WireStruct, options?: ShouldBuildOptions) => Promise<ShouldBuildAnswer>;

/** The check; `now` is read when a decision runs. */
export function createShouldBuildCheck(store: Store, now: () => number): CheckShouldBuild {
  return async (clientInfo, { reserveBuild = true, buildAllowance = 0 } = {}) => {
    const bag = readClientInfoBag(clientInfo);
    const tagsetKey = readTagsetKey(bag);
    const revision = readAnnouncedRevision(bag);
    if (!Number.isFinite(buildAllowance) || buildAllowance < 0) {
      throw new InvalidFieldError('build_allowance', 'a number of seconds, 0 or more', buildAllowance);
    }
    return store.exclusively(`should-build ${tagsetKey}`, async () => {
      const buildRequested = await store.takeBuildRequest(tagsetKey);
      const [reservation, tagsetRecord] = await Promise.all([
        store.getBuildReservation(tagsetKey),
        store.getTagset(tagsetKey),
      ]);
      const time = now();
      const latest = tagsetRecord && { ...tagsetRecord.latest, revision: tagsetRecord.latestRevision };
      const answer = decideShouldBuild({ now: time, buildRequested, reservation, latest, revision });
      if (answer.build && reserveBuild) {
        await store.setBuildReservation(tagsetKey, { reservedAt: time, requestedAllowance: buildAllowance });
      }
      return answer;
    });
  };
}

export type ReleaseBuild = (clientInfo: WireStruct) => Promise<boolean>;

/** release_build: a client that decided not to build after all gives its reservation back. */
export function createBuildRelease(store: Store): ReleaseBuild {
  return async (clientInfo) => store.deleteBuildReservation(readTagsetKey(readClientInfoBag(clientInfo)));
}

// Revisions are commit ids or svn numbers; anything longer is not one, and is refused rather
// than compared.
const MAX_REVISION_LENGTH = 200;

function readAnnouncedRevision(bag: WireStruct): string | undefined {
  return readOptionalName(bag, 'revision', MAX_REVISION_LENGTH);
}
