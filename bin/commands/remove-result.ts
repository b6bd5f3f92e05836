import { UnknownResultError } from '../../server/index.ts';
import { formatCount, formatTagset, formatTime } from './describe-removed.ts';
import { withDatabase } from './open-database.ts';
import { CommandOptionsError, parseCommandOptions, reportOptionsError } from './parse-command-options.ts';

const help = `Usage: pony-build remove-result KEY [--db FILE]

Removes one result, with its test cases and uploaded files, from a server's database.
When it was the latest result of its tagset, the previous one becomes the latest; a
tagset with no results left disappears. The server may keep running.

Options:
  --db FILE    the server's SQLite database or PostgreSQL URL (default ./pony-build.db)
  -h, --help   show this help
`;

export async function runRemoveResultCommand(argv: string[]): Promise<number> {
  let resultKey: number;
  let db: string | undefined;
  try {
    const { values, positionals } = parseCommandOptions('remove-result', argv, { db: { type: 'string' } }, true);
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    if (positionals.length !== 1 || !/^[1-9]\d*$/.test(positionals[0]!)) {
      throw new CommandOptionsError('remove-result', [
        `expected one result key (a positive whole number), got ${positionals.length === 0 ? 'none' : `\`${positionals.join(' ')}\``}`,
      ]);
    }
    resultKey = Number(positionals[0]);
    db = values.db;
  } catch (error) {
    return reportOptionsError(error);
  }
  return withDatabase('remove-result', db, [UnknownResultError], async (coordinator) => {
    const removed = await coordinator.removeResult(resultKey);
    const latest = removed.tagsetLatestKey === null
      ? 'the tagset has no results left'
      : `the tagset's latest is now result ${removed.tagsetLatestKey}`;
    return `removed result ${removed.resultKey} of ${removed.package} [${formatTagset(removed.visibleTags)}] `
      + `received ${formatTime(removed.time)}, with ${formatCount(removed.testCases, 'test case')} `
      + `and ${formatCount(removed.uploads, 'upload')}; ${latest}`;
  });
}
