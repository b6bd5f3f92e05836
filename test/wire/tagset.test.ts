import test from 'ava';
import { buildTagset, getVisibleTags, makeTagsetKey } from '../../wire/tagset.ts';

test('a tagset is the tags plus package, arch and host, sorted and unique', (t) => {
  t.deepEqual(buildTagset({ package: 'p', host: 'h', arch: 'a', tags: ['z', 'b', 'z'] }),
    ['__arch=a', '__host=h', '__package=p', 'b', 'z']);
  t.is(makeTagsetKey(['b', 'a', 'b']), makeTagsetKey(['a', 'b']));
  t.not(makeTagsetKey(['a,b']), makeTagsetKey(['a', 'b']));
  t.deepEqual(getVisibleTags(['__host=h', 'x', '_y']), ['x', '_y']);
});
