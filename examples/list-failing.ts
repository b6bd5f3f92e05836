// A UI of its own in a dozen lines: the failing tagsets of a pony-build database,
// read through the coordinator (the same API the server's pages use).
//
//   npx tsx examples/list-failing.ts [pony-build.db]
import { createCoordinator, openSqliteStore } from '../server/index.ts';

const coordinator = createCoordinator(openSqliteStore(process.argv[2] ?? 'pony-build.db'));
const dashboard = await coordinator.getDashboard();
for (const row of dashboard.tagsets.filter((tagset) => tagset.latest.success === false)) {
  const tags = row.visibleTags.length > 0 ? ` [${row.visibleTags.join(', ')}]` : '';
  console.log(`${row.latest.package} on ${row.latest.host}${tags}: failed, result ${row.latest.resultKey}`);
}
await coordinator.close();
