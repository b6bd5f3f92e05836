import { AmbiguousTagsetError, UnknownTagsetError } from '../../server/index.ts';
import { formatCount, formatTagset } from './describe-removed.ts';
import { withDatabase } from './open-database.ts';
import { CommandOptionsError, parseCommandOptions, reportOptionsError } from './parse-command-options.ts';

const help = `Usage: pony-build flush-tagset PACKAGE [TAG...] [--db FILE]

Removes every result of one tagset of PACKAGE from a server's database, with their test
cases and uploaded files. The TAGs are the tagset's visible tags, exactly; add
__host=HOST or __arch=ARCH when several hosts or archs build with those tags (the command
lists them and removes nothing until one is chosen). The server may keep running.

Options:
  --db FILE    the server's SQLite database or PostgreSQL URL (default ./pony-build.db)
  -h, --help   show this help
`;

export async function runFlushTagsetCommand(argv: string[]): Promise<number> {
  let packageName: string;
  let tags: string[];
  let db: string | undefined;
  try {
    const { values, positionals } = parseCommandOptions('flush-tagset', argv, { db: { type: 'string' } }, true);
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    if (positionals.length === 0) {
      throw new CommandOptionsError('flush-tagset', ['name the package, then the tagset\'s tags']);
    }
    [packageName, ...tags] = positionals as [string, ...string[]];
    db = values.db;
  } catch (error) {
    return reportOptionsError(error);
  }
  return withDatabase('flush-tagset', db, [UnknownTagsetError, AmbiguousTagsetError], async (coordinator) => {
    const flushed = await coordinator.flushTagset(packageName, tags);
    const keys = flushed.removedKeys;
    return `removed ${formatCount(keys.length, 'result')}${formatKeys(keys)} of ${flushed.package} [${formatTagset(flushed.visibleTags)}] `
      + `(${flushed.tagset.join(' ')}), with ${formatCount(flushed.testCases, 'test case')} `
      + `and ${formatCount(flushed.uploads, 'upload')}`;
  });
}

// Keys of one tagset are not contiguous, so a long list is shown by its ends only.
function formatKeys(keys: number[]): string {
  if (keys.length === 0) {
    return '';
  }
  if (keys.length <= 10) {
    return ` (${keys.length === 1 ? 'key' : 'keys'} ${keys.join(', ')})`;
  }
  return ` (keys ${keys[0]}, ${keys[1]} ... ${keys.at(-1)})`;
}
