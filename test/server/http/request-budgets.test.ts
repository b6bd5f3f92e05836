import test from 'ava';
import { RequestBudgets } from '../../../server/http/request-budgets.ts';

test('an address spends its minute at once, then earns requests back evenly', (t) => {
  const budgets = new RequestBudgets(6);
  const spent = Array.from({ length: 7 }, () => budgets.spend('192.0.2.1', 1000));
  t.deepEqual(spent, [0, 0, 0, 0, 0, 0, 10]);
  t.is(budgets.spend('192.0.2.1', 1004), 6, 'four of the ten seconds are past');
  t.is(budgets.spend('192.0.2.1', 1010), 0);
  t.is(budgets.spend('192.0.2.1', 1010), 10);
});

test('an address that has earned its whole budget back is forgotten', (t) => {
  const budgets = new RequestBudgets(60);
  budgets.spend('192.0.2.1', 1000);
  budgets.spend('192.0.2.2', 1000.5);
  t.is(budgets.size, 2);
  budgets.spend('192.0.2.3', 1001.25);
  t.is(budgets.size, 2, 'the first address earned its one request back after a second');
});

test('past the bound of addresses the idlest is forgotten, so memory stays bounded', (t) => {
  const budgets = new RequestBudgets(1, 100);
  for (let index = 0; index < 1000; index += 1) {
    budgets.spend(`10.0.${index >> 8}.${index & 255}`, 1000);
  }
  t.is(budgets.size, 100);
  t.true(budgets.spend('10.0.3.231', 1000) > 0, 'one of the newest is still remembered');
  t.is(budgets.spend('10.0.0.0', 1000), 0, 'the oldest was forgotten');
});

test('a clock that steps back earns nothing', (t) => {
  const budgets = new RequestBudgets(1);
  t.is(budgets.spend('192.0.2.1', 1000), 0);
  t.is(budgets.spend('192.0.2.1', 900), 60);
});
