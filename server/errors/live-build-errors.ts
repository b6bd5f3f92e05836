// The errors of live builds (docs/PROTOCOL.md, "Live builds"): a token that names no build, a
// build that can take no more, a result that is not whole yet, a finish for another tagset.
import { DomainError } from './domain-error.ts';

/** No live build has this update token. */
export class UnknownUpdateTokenError extends DomainError {
  override name = 'UnknownUpdateTokenError';

  constructor() {
    // The token itself is left out: it is a secret, and a wrong one may be a typo of a real one.
    super('unauthorised', 'unknown update token; use the update_token that begin_build returned');
  }
}

/** The build this token updates is finished: it takes no more steps or output. */
export class BuildFinishedError extends DomainError {
  override name = 'BuildFinishedError';
  readonly resultKey: number;

  constructor(resultKey: number) {
    super('invalid', `build ${resultKey} is already finished`, { status: 409 });
    this.resultKey = resultKey;
  }
}

/** The result is a build still running: it is not whole yet. */
export class ResultRunningError extends DomainError {
  override name = 'ResultRunningError';
  readonly resultKey: number;

  constructor(resultKey: number) {
    // Answered as a missing result is (fault 1): old clients never see half a build.
    super('not-found', `result ${resultKey} is still running; its steps so far are at GET /api/v1/results/${resultKey}`);
    this.resultKey = resultKey;
  }
}

/** A build is finished with a client_info that names another tagset than it began with. */
export class TagsetChangedError extends DomainError {
  override name = 'TagsetChangedError';
  readonly resultKey: number;
  /** The tagset the build began with. */
  readonly begunTagset: string[];
  /** The tagset the final client_info names. */
  readonly givenTagset: string[];

  constructor(resultKey: number, begunTagset: string[], givenTagset: string[]) {
    super('invalid', `client_info must name the tagset build ${resultKey} began with, ${JSON.stringify(begunTagset)}; `
      + `got ${JSON.stringify(givenTagset)} (package, host, arch and tags cannot change while a build runs)`, { status: 409 });
    this.resultKey = resultKey;
    this.begunTagset = begunTagset;
    this.givenTagset = givenTagset;
  }
}
