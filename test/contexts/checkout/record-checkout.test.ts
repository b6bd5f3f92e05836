import test from 'ava';
import { getCheckoutRevision } from '../../../contexts/index.ts';

test('the checkout revision is read from client_info, and absent when there was no checkout', (t) => {
  t.is(getCheckoutRevision({ vcs: 'git', revision: 'a'.repeat(40) }), 'a'.repeat(40));
  t.is(getCheckoutRevision({ vcs: 'svn', revision: '1234' }), '1234');
  t.is(getCheckoutRevision({ tempdir: '/tmp/x' }), undefined);
  t.is(getCheckoutRevision({ revision: 7 }), undefined);
  t.is(getCheckoutRevision({ revision: '' }), undefined);
});
