import test from 'ava';
import { computeBuildAllowance, decideShouldBuild, formatAge } from '../../../server/rules/should-build.ts';

test('the build allowance: requested, else last duration, else an hour; at most four hours', (t) => {
  t.is(computeBuildAllowance(120, 600), 120);
  t.is(computeBuildAllowance(0, 600), 600);
  t.is(computeBuildAllowance(0, null), 3600);
  t.is(computeBuildAllowance(0, 0), 3600);
  t.is(computeBuildAllowance(99_999, null), 14_400);
  t.is(computeBuildAllowance(0, 99_999), 14_400);
});

test('ages read like the original\'s timedelta', (t) => {
  t.is(formatAge(59), '0:00:59');
  t.is(formatAge(86_400 + 3723), '1 day, 1:02:03');
  t.is(formatAge(3 * 86_400), '3 days, 0:00:00');
});

test('the rules apply in order: a request beats a reservation, a reservation beats a missing result', (t) => {
  const now = 10_000;
  const reservation = { reservedAt: now - 10, requestedAllowance: 0 };
  t.deepEqual(decideShouldBuild({ now, buildRequested: true, reservation, latest: undefined }),
    { build: true, reason: 'build requested' });
  t.deepEqual(decideShouldBuild({ now, buildRequested: false, reservation, latest: undefined }),
    { build: false, reason: 'may be in build now' });
  const staleFailure = { receivedAt: now - 2 * 86_400, success: false, duration: null, revision: null };
  t.deepEqual(decideShouldBuild({ now, buildRequested: false, reservation: undefined, latest: staleFailure }),
    { build: true, reason: 'last build was 2 days, 0:00:00 ago; do build!' });
});

test('a client that names a revision other than the last result\'s is told to build, within the day too', (t) => {
  const now = 10_000;
  const passedAnHourAgo = { receivedAt: now - 3600, success: true, duration: 60, revision: 'aaa111' };
  const facts = { now, buildRequested: false, reservation: undefined, latest: passedAnHourAgo };
  t.deepEqual(decideShouldBuild({ ...facts, revision: 'bbb222' }), { build: true, reason: 'new revision bbb222; build!' });
  t.deepEqual(decideShouldBuild({ ...facts, revision: 'aaa111' }), { build: false, reason: 'build up to date' });
  // No revision sent: the original's answer.
  t.deepEqual(decideShouldBuild(facts), { build: false, reason: 'build up to date' });
  // A last result without a recorded revision differs from any revision named.
  t.deepEqual(decideShouldBuild({ ...facts, latest: { ...passedAnHourAgo, revision: null }, revision: 'aaa111' }),
    { build: true, reason: 'new revision aaa111; build!' });
  // The reservation and the request still come first, and no result at all says so first.
  t.deepEqual(decideShouldBuild({ ...facts, reservation: { reservedAt: now - 10, requestedAllowance: 0 }, revision: 'bbb222' }),
    { build: false, reason: 'may be in build now' });
  t.deepEqual(decideShouldBuild({ ...facts, latest: undefined, revision: 'bbb222' }),
    { build: true, reason: 'no build recorded for this tagset; build!' });
});
