// `pony-build migrate`: moves a server's whole history from its SQLite file to PostgreSQL, for
// the day one machine is no longer enough (README, "Scaling").
import { existsSync } from 'node:fs';
import { copySqliteToPostgres, TargetNotEmptyError } from '../../server/store/copy-sqlite-to-postgres.ts';
import { describeDatabase } from '../../server/store/open-store.ts';
import { isPostgresUrl } from '../../server/store/postgres-database.ts';
import { SchemaVersionError } from '../../server/store/sqlite-schema.ts';
import { CommandOptionsError, parseCommandOptions, reportOptionsError } from './parse-command-options.ts';

const help = `Usage: pony-build migrate --from sqlite:FILE --to postgres://user:pass@host/db [--data-dir DIR]

Copies everything a server keeps in its SQLite database into an empty PostgreSQL database:
results with their test cases, tagsets, build requests and reservations, uploads (and their
files), client tokens, admins and their sessions, anonymous usage, and the notification and
delivery queues, each with the same key. Stop the server first, so that nothing arrives
during the copy. The SQLite file is only read. If anything fails, the PostgreSQL database is
left as empty as it was.

Options:
  --from sqlite:FILE   the SQLite database (sqlite: may be left out)
  --to URL             the PostgreSQL database; it must hold no results, tokens or admins
  --data-dir DIR       where the PostgreSQL servers keep uploaded files, as their
                       serve --data-dir (default ./pony-build-files); the files beside
                       FILE (FILE.files/) are copied there
  -h, --help           show this help
`;

interface MigrateRequest {
  from: string;
  to: string;
  dataDir: string;
}

function parseMigrateRequest(argv: string[]): MigrateRequest | 'help' {
  const { values } = parseCommandOptions('migrate', argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  if (values.help) {
    return 'help';
  }
  const problems: string[] = [];
  const from = values.from?.replace(/^sqlite:/, '');
  if (from === undefined || from === '') {
    problems.push('--from sqlite:FILE is required: the SQLite database to copy');
  } else if (isPostgresUrl(from)) {
    problems.push('--from takes a SQLite file; copying from PostgreSQL is done with pg_dump');
  } else if (!existsSync(from)) {
    problems.push(`--from: no SQLite database at ${from}`);
  }
  if (values.to === undefined) {
    problems.push('--to postgres://... is required: the PostgreSQL database to copy into');
  } else if (!isPostgresUrl(values.to)) {
    problems.push(`--to takes a postgres:// URL, got ${JSON.stringify(values.to)}`);
  }
  if (problems.length > 0) {
    throw new CommandOptionsError('migrate', problems);
  }
  return { from: from!, to: values.to!, dataDir: values['data-dir'] ?? 'pony-build-files' };
}

export async function runMigrateCommand(argv: string[]): Promise<number> {
  let request: MigrateRequest | 'help';
  try {
    request = parseMigrateRequest(argv);
  } catch (error) {
    return reportOptionsError(error);
  }
  if (request === 'help') {
    process.stdout.write(help);
    return 0;
  }
  const target = describeDatabase(request.to);
  try {
    const summary = await copySqliteToPostgres({
      ...request,
      progress: (table, rows) => process.stderr.write(`${table}: ${rows} ${rows === 1 ? 'row' : 'rows'}\n`),
    });
    const total = Object.values(summary.rows).reduce((sum, rows) => sum + rows, 0);
    process.stdout.write(`copied ${request.from} to ${target}: ${summary.rows.results ?? 0} results, ${summary.rows.test_cases ?? 0} test cases, `
      + `${total} rows in all, and ${summary.files} uploaded ${summary.files === 1 ? 'file' : 'files'} into ${request.dataDir}\n`);
    return 0;
  } catch (error) {
    if (error instanceof TargetNotEmptyError || error instanceof SchemaVersionError) {
      process.stderr.write(`pony-build migrate: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`pony-build migrate: copying to ${target} failed, and nothing was copied: ${message}\n`);
    return 1;
  }
}
