// What a checkout tells the report. The step that made the checkout carries the original's
// `version_type` and `version_info`, which old servers already show. `client_info` gets:
//   vcs         `git`, `svn` or `hg`
//   repository  the URL as the recipe gave it
//   revision    the full commit id (git sha, hg node) or svn's last changed revision;
//               the value change detection compares with the last reported result
//   ref         the branch, tag, commit or svn revision asked for, when one was
// for the first checkout of the build (the project being built), and `checkouts`, a list of
// the same keys plus `directory` for every checkout, so builds of several repositories can
// tell which one changed.
import type { ContextScope, StepResult, WireStruct } from '../../runner/index.ts';

export type VcsName = 'git' | 'svn' | 'hg';

export interface CheckoutRecord {
  vcs: VcsName;
  repository: string;
  revision: string;
  ref?: string;
  directory: string;
}

/**
 * Marks the step that made the checkout with the original's one-line description (e.g.
 * `git log -1 --pretty=oneline`); called before its end is announced, so every consumer sees it.
 */
export function recordVersion(step: StepResult, vcs: VcsName, versionInfo: string): void {
  step.version_type = vcs;
  step.version_info = versionInfo;
}

export function recordCheckout(scope: ContextScope, record: CheckoutRecord): void {
  const keys: WireStruct = { vcs: record.vcs, repository: record.repository, revision: record.revision };
  if (record.ref !== undefined) {
    keys.ref = record.ref;
  }
  if (typeof scope.info.revision !== 'string') {
    Object.assign(scope.info, keys);
  }
  const checkouts = Array.isArray(scope.info.checkouts) ? scope.info.checkouts : [];
  scope.info.checkouts = [...checkouts, { ...keys, directory: record.directory }];
}

/** The revision of the build's first checkout, as recorded in its `client_info`. */
export function getCheckoutRevision(info: WireStruct): string | undefined {
  return typeof info.revision === 'string' && info.revision !== '' ? info.revision : undefined;
}
