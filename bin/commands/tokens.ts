// `pony-build tokens add|list|revoke`: the client tokens a server with --auth tokens or capped
// accepts (docs/PROTOCOL.md, "Authentication"), kept in its database. A secret is printed once.
import { DuplicateTokenNameError, InvalidFieldError, UnknownTokenNameError, type ClientTokenRecord } from '../../server/index.ts';
import { formatTime } from './describe-removed.ts';
import { formatColumns } from './format-columns.ts';
import { withDatabase } from './open-database.ts';
import { CommandOptionsError, parseCommandOptions, reportOptionsError } from './parse-command-options.ts';

const help = `Usage: pony-build tokens add NAME [--package P]... [--host H]... --db FILE
       pony-build tokens list --db FILE
       pony-build tokens revoke NAME --db FILE

Manages the client tokens of a server's database. A server started with
--auth tokens takes writes (results, live builds, uploads, reservations) only from
clients with a valid token; with --auth capped, clients without one may write a
little each day. Clients send a token as HTTP Basic auth, in the server URL:
  --report http://NAME:TOKEN@ci.example.org/
or with --token NAME:TOKEN, or PONY_BUILD_TOKEN=NAME:TOKEN.

  add NAME      makes a token and prints its secret, this once (the database keeps
                only a hash). NAME: 1 to 64 letters, digits, '.', '_' or '-'.
  list          shows every token: its scope, when it was made, last used, revoked.
  revoke NAME   refuses the token from now on; its name is not reused.

Options:
  --db FILE         the server's SQLite database or PostgreSQL URL (required)
  --package P       add: the token may write results of package P only (repeatable)
  --host H          add: the token may write results of host H only (repeatable)
  -h, --help        show this help

The server may keep running: it reads tokens from the database at every write.
`;

type TokensRequest =
  | { action: 'add'; name: string; packages: string[]; hosts: string[]; db: string }
  | { action: 'list'; db: string }
  | { action: 'revoke'; name: string; db: string };

export async function runTokensCommand(argv: string[]): Promise<number> {
  let request: TokensRequest | 'help';
  try {
    request = parseTokensRequest(argv);
  } catch (error) {
    return reportOptionsError(error);
  }
  if (request === 'help') {
    process.stdout.write(help);
    return 0;
  }
  const expectedErrors = [DuplicateTokenNameError, UnknownTokenNameError, InvalidFieldError];
  const command = `tokens ${request.action}`;
  switch (request.action) {
    case 'add': {
      const { name, packages, hosts } = request;
      return withDatabase(command, request.db, expectedErrors, async (coordinator) =>
        describeNewToken(name, (await coordinator.addClientToken(name, { packages, hosts })).secret, packages, hosts));
    }
    case 'list':
      return withDatabase(command, request.db, expectedErrors, async (coordinator) =>
        describeTokens(await coordinator.listClientTokens(), request.db));
    case 'revoke': {
      const { name } = request;
      return withDatabase(command, request.db, expectedErrors, async (coordinator) => {
        const { token, alreadyRevoked } = await coordinator.revokeClientToken(name);
        return alreadyRevoked
          ? `client token ${name} was already revoked at ${formatTime(token.revokedAt!)}; nothing changed`
          : `revoked client token ${name}; the server refuses it from now on`;
      });
    }
  }
}

function parseTokensRequest(argv: string[]): TokensRequest | 'help' {
  const { values, positionals } = parseCommandOptions('tokens', argv, {
    db: { type: 'string' },
    package: { type: 'string', multiple: true },
    host: { type: 'string', multiple: true },
  }, true);
  if (values.help) {
    return 'help';
  }
  const [action, ...names] = positionals;
  const problems: string[] = [];
  if (action !== 'add' && action !== 'list' && action !== 'revoke') {
    problems.push(`expected an action, add, list or revoke, got ${action === undefined ? 'none' : `\`${action}\``}`);
  }
  const wantsName = action === 'add' || action === 'revoke';
  if (wantsName && names.length !== 1) {
    problems.push(`${action} takes one token NAME, got ${names.length === 0 ? 'none' : `\`${names.join(' ')}\``}`);
  } else if (action === 'list' && names.length > 0) {
    problems.push(`list takes no NAME, got \`${names.join(' ')}\``);
  }
  if (action !== 'add' && (values.package !== undefined || values.host !== undefined)) {
    problems.push('--package and --host go with add only');
  }
  // No default: a token added to the wrong file would never be accepted, and nothing would say why.
  if (values.db === undefined) {
    problems.push("--db FILE is required: the server's database, as given to `pony-build serve --db`");
  }
  if (problems.length > 0) {
    throw new CommandOptionsError('tokens', problems);
  }
  const db = values.db!;
  if (action === 'list') {
    return { action, db };
  }
  if (action === 'revoke') {
    return { action, name: names[0]!, db };
  }
  return { action: 'add', name: names[0]!, packages: values.package ?? [], hosts: values.host ?? [], db };
}

function describeNewToken(name: string, secret: string, packages: string[], hosts: string[]): string {
  return `added client token ${name} (${describeScope(packages, hosts)})\n`
    + `token: ${secret}\n`
    + 'It is shown this once; the database keeps only its hash. Clients send it in the server URL,\n'
    + `  --report http://${name}:${secret}@HOST:PORT/\n`
    + `or as --token ${name}:${secret} (or in PONY_BUILD_TOKEN).`;
}

function describeTokens(tokens: ClientTokenRecord[], db: string): string {
  if (tokens.length === 0) {
    return `no client tokens in ${db}; add one with \`pony-build tokens add NAME --db ${db}\``;
  }
  const rows = [
    ['NAME', 'PACKAGES', 'HOSTS', 'CREATED', 'LAST USED', 'REVOKED'],
    ...tokens.map((token) => [
      token.name,
      describeList(token.packages),
      describeList(token.hosts),
      formatTime(token.createdAt),
      token.lastUsedAt === null ? 'never' : formatTime(token.lastUsedAt),
      token.revokedAt === null ? '-' : formatTime(token.revokedAt),
    ]),
  ];
  return formatColumns(rows);
}

function describeScope(packages: string[], hosts: string[]): string {
  return `packages: ${describeList(packages)}; hosts: ${describeList(hosts)}`;
}

function describeList(values: string[]): string {
  return values.length === 0 ? 'any' : values.join(',');
}
