import test from 'ava';
import { groupClientAddress } from '../../../server/http/address-group.ts';

test('an IPv4 address is its own client', (t) => {
  t.is(groupClientAddress('203.0.113.7'), '203.0.113.7');
});

test('an IPv6 address counts as its /64', (t) => {
  t.is(groupClientAddress('2001:db8:1:2:a:b:c:d'), '2001:db8:1:2::/64');
  t.is(groupClientAddress('2001:0db8:0001:0002:ffff::1'), '2001:db8:1:2::/64');
  t.is(groupClientAddress('2001:db8::1'), '2001:db8:0:0::/64');
  t.is(groupClientAddress('::1'), '0:0:0:0::/64');
  t.is(groupClientAddress('fe80::1%eth0'), 'fe80:0:0:0::/64');
  t.is(groupClientAddress('64:ff9b::192.0.2.1'), '64:ff9b:0:0::/64');
});

test('text that is not an address is kept as it is', (t) => {
  t.is(groupClientAddress('not:an:address'), 'not:an:address');
  t.is(groupClientAddress('1::2::3'), '1::2::3');
  t.is(groupClientAddress(''), '');
});
