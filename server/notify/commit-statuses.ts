// Commit statuses (README "Notifications"): a result whose client named a configured repository
// and a commit sets that commit's status on the forge, `pending` when a live build begins, then
// `success` or `failure`. Statuses of one commit and context go out in order, the newest winning.
import type { CommitStatusTarget } from '../config/notify-config-types.ts';
import type { DeliveryHandler, NewDelivery } from './delivery-types.ts';
import { normaliseRepository } from './normalise-repository.ts';
import type { BuildBeganNotice, NotificationChannel, ResultFacts, ResultNotice } from './notice-types.ts';
import { postJson } from './post-json.ts';

type CommitState = 'pending' | 'success' | 'failure' | 'error';

/** What a commit status delivery keeps; the token stays in the configuration. */
interface CommitStatusPayload {
  api: string;
  repository: string;
  sha: string;
  body: string;
}

// Git commits only: other revisions (svn, hg) are not commits a forge's status API knows.
const GIT_SHA = /^[0-9a-f]{7,64}$/i;
// GitHub refuses longer descriptions.
const MAX_DESCRIPTION = 140;

/** The commit status channel over the configured forges. */
export function createCommitStatusChannel(targets: readonly CommitStatusTarget[]): NotificationChannel {
  return {
    deliveriesFor(notice) {
      if (notice.type === 'builder') {
        return [];
      }
      return listCommits(notice).flatMap(({ repository, sha }) =>
        targets.filter((target) => target.repositories.includes(repository)).map((target) => makeDelivery(target, repository, sha, notice)));
    },
  };
}

/** The commits a result names, each once. */
function listCommits(notice: ResultNotice | BuildBeganNotice): Array<{ repository: string; sha: string }> {
  const seen = new Set<string>();
  return notice.checkouts.flatMap(({ repository, revision }) => {
    const name = normaliseRepository(repository);
    const key = `${name} ${revision}`;
    if (name === undefined || !GIT_SHA.test(revision) || seen.has(key)) {
      return [];
    }
    seen.add(key);
    return [{ repository: name, sha: revision.toLowerCase() }];
  });
}

function makeDelivery(target: CommitStatusTarget, repository: string, sha: string, notice: ResultNotice | BuildBeganNotice): NewDelivery {
  const facts = notice.facts;
  const state = notice.type === 'began' ? 'pending' : toCommitState(facts.status);
  const context = `pony-build/${facts.package} ${[...facts.tagset, facts.host, facts.arch].join(' ')}`;
  const status = {
    state,
    // The forge needs an absolute address: without public_url there is none to give.
    ...(/^https?:\/\//.test(facts.result_url) ? { target_url: facts.result_url } : {}),
    description: describeStatus(state, facts).slice(0, MAX_DESCRIPTION),
    context,
  };
  const payload: CommitStatusPayload = { api: target.api, repository, sha, body: JSON.stringify(status) };
  const sequenceKey = `commit_status ${target.api} ${repository} ${sha} ${context}`;
  return {
    kind: 'commit_status',
    target: `${new URL(target.api).host} ${repository}@${sha.slice(0, 12)}`,
    event: state,
    dedupeKey: `${sequenceKey} ${facts.result_key} ${state}`,
    sequenceKey,
    payload,
  };
}

function toCommitState(status: ResultFacts['status']): CommitState {
  return status === 'passed' ? 'success' : status === 'failed' ? 'failure' : 'error';
}

function describeStatus(state: CommitState, facts: ResultFacts): string {
  const where = `on ${facts.host} (${facts.arch})`;
  switch (state) {
    case 'pending':
      return `Building ${where}`;
    case 'success':
      return `Passed ${where}`;
    case 'error':
      return `Finished ${where} without an outcome`;
    case 'failure': {
      const step = facts.first_failing_step ? ` at step ${facts.first_failing_step.number} (${facts.first_failing_step.name})` : '';
      const tests = facts.failing_test_count > 0 ? `; ${facts.failing_test_count} failing test${facts.failing_test_count === 1 ? '' : 's'}` : '';
      return `Failed${step} ${where}${tests}`;
    }
  }
}

/** Posts a commit status with the token the configuration has now for its forge and repository. */
export function createCommitStatusHandler(targets: readonly CommitStatusTarget[], timeoutSeconds: number): DeliveryHandler {
  return async (delivery, signal) => {
    const { api, repository, sha, body } = delivery.payload as CommitStatusPayload;
    const target = targets.find((candidate) => candidate.api === api && candidate.repositories.includes(repository));
    if (!target) {
      return { ok: false, status: null, error: `${repository} at ${api} is no longer among the configured commit statuses`, giveUp: true };
    }
    const url = `${api}/repos/${repository.split('/').map(encodeURIComponent).join('/')}/statuses/${sha}`;
    return postJson(url, body, {
      Authorization: `Bearer ${target.token}`,
      Accept: 'application/vnd.github+json',
    }, timeoutSeconds, signal);
  };
}
