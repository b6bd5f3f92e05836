// `pony-build admins add|list|remove`: the accounts that may sign in to the web UI and act
// there (request builds, remove results, flush tagsets; under serve --private, see anything).
// A password is read from stdin and kept only as a scrypt hash; it is never printed.
import { InvalidFieldError, UnknownAdminError, WeakPasswordError, type AdminRecord } from '../../server/index.ts';
import { formatTime } from './describe-removed.ts';
import { formatColumns } from './format-columns.ts';
import { withDatabase } from './open-database.ts';
import { CommandOptionsError, parseCommandOptions, reportOptionsError } from './parse-command-options.ts';
import { PasswordPromptCancelledError, readPassword } from './read-password.ts';

const help = `Usage: pony-build admins add NAME --db FILE < password-file
       pony-build admins list --db FILE
       pony-build admins remove NAME --db FILE

Manages the admins of a server's web UI. An admin signs in at /login; signed in, it
may request builds, remove results and flush tagsets from the pages, and see hidden
uploads. With serve --auth tokens or capped only admins may do these; with
serve --private only admins may see any page.

  add NAME      adds an admin, reading its password from stdin: all of it, one
                trailing newline removed (on a terminal it is asked for, unechoed).
                At least 8 characters. Adding an existing NAME replaces its password
                and signs it out everywhere.
                NAME: 1 to 64 letters, digits, '.', '_', '@' or '-'.
  list          shows every admin: when it was added and last signed in.
  remove NAME   removes the admin and signs it out everywhere.

Options:
  --db FILE|URL the server's SQLite database or PostgreSQL URL (required)
  -h, --help    show this help

The server may keep running: it reads admins and sessions from the database.
`;

type AdminsRequest =
  | { action: 'add'; name: string; db: string }
  | { action: 'list'; db: string }
  | { action: 'remove'; name: string; db: string };

export async function runAdminsCommand(argv: string[]): Promise<number> {
  let request: AdminsRequest | 'help';
  try {
    request = parseAdminsRequest(argv);
  } catch (error) {
    return reportOptionsError(error);
  }
  if (request === 'help') {
    process.stdout.write(help);
    return 0;
  }
  const expectedErrors = [UnknownAdminError, WeakPasswordError, InvalidFieldError, PasswordPromptCancelledError];
  const command = `admins ${request.action}`;
  switch (request.action) {
    case 'add': {
      const { name } = request;
      return withDatabase(command, request.db, expectedErrors, async (coordinator) => {
        const password = await readPassword(`Password for ${name}: `);
        const { replaced } = await coordinator.putAdmin(name, password);
        return replaced
          ? `replaced the password of admin ${name}; its sessions were ended`
          : `added admin ${name}; it signs in at /login`;
      });
    }
    case 'list':
      return withDatabase(command, request.db, expectedErrors, async (coordinator) =>
        describeAdmins(await coordinator.listAdmins(), request.db));
    case 'remove': {
      const { name } = request;
      return withDatabase(command, request.db, expectedErrors, async (coordinator) => {
        await coordinator.removeAdmin(name);
        return `removed admin ${name}; its sessions were ended`;
      });
    }
  }
}

function parseAdminsRequest(argv: string[]): AdminsRequest | 'help' {
  const { values, positionals } = parseCommandOptions('admins', argv, { db: { type: 'string' } }, true);
  if (values.help) {
    return 'help';
  }
  const [action, ...names] = positionals;
  const problems: string[] = [];
  if (action !== 'add' && action !== 'list' && action !== 'remove') {
    problems.push(`expected an action, add, list or remove, got ${action === undefined ? 'none' : `\`${action}\``}`);
  }
  if ((action === 'add' || action === 'remove') && names.length !== 1) {
    problems.push(`${action} takes one admin NAME, got ${names.length === 0 ? 'none' : `\`${names.join(' ')}\``}`);
  } else if (action === 'list' && names.length > 0) {
    problems.push(`list takes no NAME, got \`${names.join(' ')}\``);
  }
  // No default: an admin added to the wrong file could never sign in, and nothing would say why.
  if (values.db === undefined) {
    problems.push("--db FILE is required: the server's database, as given to `pony-build serve --db`");
  }
  if (problems.length > 0) {
    throw new CommandOptionsError('admins', problems);
  }
  const db = values.db!;
  return action === 'list' ? { action, db } : { action: action as 'add' | 'remove', name: names[0]!, db };
}

function describeAdmins(admins: AdminRecord[], db: string): string {
  if (admins.length === 0) {
    return `no admins in ${db}; add one with \`pony-build admins add NAME --db ${db}\``;
  }
  const rows = [
    ['NAME', 'CREATED', 'LAST LOGIN'],
    ...admins.map((admin) => [admin.name, formatTime(admin.createdAt), admin.lastLoginAt === null ? 'never' : formatTime(admin.lastLoginAt)]),
  ];
  return formatColumns(rows);
}
