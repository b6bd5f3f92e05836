// Schema migrations, applied in order at open. A database remembers the last one it received
// in `schema_version`, so an old file is brought forward and a newer one is refused.
import type Database from 'better-sqlite3';
import { backfillTestCases } from './backfill-test-cases.ts';

// A migration is SQL, optionally followed by code that fills new tables from stored bags.
interface Migration {
  sql: string;
  fill?: (database: Database.Database) => void;
}

const MIGRATIONS: Migration[] = [
  { sql: `
  CREATE TABLE results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a pruned key is never handed out again
    received_at REAL NOT NULL,             -- Unix seconds, server clock
    client_ip TEXT NOT NULL,
    package TEXT NOT NULL,
    host TEXT NOT NULL,
    arch TEXT NOT NULL,
    tagset_key TEXT NOT NULL,
    success INTEGER,                       -- 1, 0, or NULL when the client sent no flag
    duration REAL,
    auth_key TEXT NOT NULL UNIQUE,
    client_info TEXT NOT NULL,             -- tagged JSON (see tagged-json.ts)
    results_list TEXT NOT NULL             -- tagged JSON
  );
  CREATE INDEX results_by_package_tagset ON results (package, tagset_key, id);
  CREATE INDEX results_by_package ON results (package, id);

  -- One row per tagset, kept current by every insert, so "latest per tagset" reads
  -- one row per tagset instead of scanning results.
  CREATE TABLE tagsets (
    tagset_key TEXT PRIMARY KEY,
    package TEXT NOT NULL,
    tags TEXT NOT NULL,                    -- JSON array of the canonical tagset
    latest_result_id INTEGER NOT NULL REFERENCES results (id),
    result_count INTEGER NOT NULL
  );
  CREATE INDEX tagsets_by_package ON tagsets (package, tagset_key);

  CREATE TABLE build_requests (
    tagset_key TEXT PRIMARY KEY,
    requested_at REAL NOT NULL
  );

  CREATE TABLE build_reservations (
    tagset_key TEXT PRIMARY KEY,
    reserved_at REAL NOT NULL,
    requested_allowance REAL NOT NULL
  );

  CREATE TABLE uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    description TEXT NOT NULL,
    visible INTEGER NOT NULL,
    size INTEGER NOT NULL,
    uploaded_at REAL NOT NULL,
    content BLOB NOT NULL
  );
  CREATE INDEX uploads_by_result ON uploads (result_id, id);
  ` },
  { sql: `
  ALTER TABLE results ADD COLUMN revision TEXT;   -- what the build was made from, for flakiness

  -- Each test case of each result, so one test can be followed across results. The full
  -- case (details, output) stays in results.results_list; this table is for queries.
  CREATE TABLE test_cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL,
    package TEXT NOT NULL,
    tagset_key TEXT NOT NULL,
    suite TEXT NOT NULL,
    name TEXT NOT NULL,
    file TEXT,
    status TEXT NOT NULL,                  -- passed, failed, error, skipped, todo
    duration REAL,
    message TEXT                           -- bounded (see bound-message.ts)
  );
  CREATE INDEX test_cases_by_test ON test_cases (package, suite, name, result_id);
  CREATE INDEX test_cases_by_result ON test_cases (result_id);
  `, fill: backfillTestCases },
  { sql: `
  -- Live builds (begin_build ... finish_build) exist from their first call; only finished and
  -- abandoned results count in their tagset (the tagsets row never points at a running one).
  ALTER TABLE results ADD COLUMN state TEXT NOT NULL DEFAULT 'finished';  -- running, finished, abandoned
  ALTER TABLE results ADD COLUMN submission_id TEXT;                      -- client_info.submission_id
  CREATE UNIQUE INDEX results_by_submission ON results (submission_id) WHERE submission_id IS NOT NULL;
  CREATE INDEX results_running ON results (id) WHERE state = 'running';

  -- A live build's token and how far it got; kept once finished, so a repeated finish is recognised.
  CREATE TABLE live_builds (
    result_id INTEGER PRIMARY KEY REFERENCES results (id) ON DELETE CASCADE,
    update_token TEXT NOT NULL UNIQUE,
    started_at REAL NOT NULL,
    last_activity_at REAL NOT NULL,        -- the build's last call, for abandonment
    step_count INTEGER NOT NULL,
    last_step_digest TEXT,                 -- sha256 of the last step's tagged JSON, to recognise a retry
    last_step_name TEXT
  );

  -- The running step's output so far: the head of each stream (see live-output-bounds.ts).
  CREATE TABLE live_output (
    result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL,
    stream TEXT NOT NULL,                  -- output or errout
    head TEXT NOT NULL,
    head_bytes INTEGER NOT NULL,           -- UTF-8 bytes of head, the bound once it is cut
    received INTEGER NOT NULL,             -- characters received, kept or not
    PRIMARY KEY (result_id, step_index, stream)
  );

  -- Results an old server stored already carry their client's submission id; the first of each
  -- keeps it (200 characters at most, as commands/read-submission-id.ts reads it).
  UPDATE results SET submission_id = json_extract(client_info, '$.submission_id')
  WHERE id IN (
    SELECT min(id) FROM results
    WHERE json_type(client_info, '$.submission_id') = 'text'
      AND length(json_extract(client_info, '$.submission_id')) BETWEEN 1 AND 200
    GROUP BY json_extract(client_info, '$.submission_id'));
  ` },
  { sql: `
  -- Client tokens (docs/PROTOCOL.md, "Authentication"). Only a hash of each secret is kept: the
  -- secret is 32 random bytes, so SHA-256 without salt or stretching cannot be reversed.
  CREATE TABLE client_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,             -- the HTTP Basic user name; never reused, even once revoked
    secret_hash TEXT NOT NULL UNIQUE,      -- sha256 of the secret, hex
    packages TEXT NOT NULL,                -- JSON array of the packages it may write; [] for any
    hosts TEXT NOT NULL,                   -- JSON array of the hosts it may write; [] for any
    created_at REAL NOT NULL,
    last_used_at REAL,
    revoked_at REAL
  );

  -- What anonymous clients sent in request bodies, per address and UTC day, for --auth capped.
  CREATE TABLE anonymous_usage (
    client_ip TEXT NOT NULL,
    day TEXT NOT NULL,                     -- YYYY-MM-DD, UTC
    bytes INTEGER NOT NULL,
    PRIMARY KEY (client_ip, day)
  );
  ` },
  { sql: `
  -- Uploaded files live on disk beside the database (store/upload-files.ts); rows stored before
  -- keep their bytes in content. A file evicted to keep within limits.artifact_quota_bytes keeps
  -- its row, so the result page can say what was there.
  ALTER TABLE uploads ADD COLUMN storage_name TEXT;  -- the file's generated name; NULL: the bytes are in content
  ALTER TABLE uploads ADD COLUMN evicted_at REAL;    -- Unix seconds; NULL while the file is kept
  CREATE INDEX uploads_kept ON uploads (id) WHERE evicted_at IS NULL;
  ` },
  { sql: `
  -- The delivery queue (server/notify/delivery-types.ts): webhooks, commit statuses, e-mail.
  CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id TEXT NOT NULL UNIQUE,      -- sent as X-Pony-Build-Delivery, the same on every retry
    kind TEXT NOT NULL,                    -- webhook, commit_status, email, ...
    target TEXT NOT NULL,                  -- where it goes, as the log shows it; never a secret
    event TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,       -- the same notice queued twice is queued once
    sequence_key TEXT,                     -- deliveries sharing it go out in order, a newer one superseding those not begun
    payload TEXT NOT NULL,                 -- JSON for the kind's handler
    state TEXT NOT NULL DEFAULT 'pending', -- pending, delivered, failed, superseded
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,              -- Unix seconds
    next_attempt_at REAL NOT NULL,         -- Unix seconds; when last tried once no longer pending
    locked_until REAL,                     -- a worker's lease; a killed worker's row is retried after it
    last_status INTEGER,
    last_response_ms REAL,
    last_error TEXT
  );
  CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state = 'pending';
  CREATE INDEX deliveries_in_sequence ON deliveries (sequence_key, id) WHERE state = 'pending';

  -- What was last announced of each expected builder (ok, stale, missing), so a restart does not announce it twice.
  CREATE TABLE builder_announcements (
    builder_key TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    changed_at REAL NOT NULL
  );
  ` },
  { sql: `
  -- The web UI's admins (server/admin/). A password is kept as scrypt$N$r$p$salt$hash, with its
  -- parameters, so that they can be raised later; a session as a SHA-256 of its id, so that a
  -- copy of this file signs nobody in. Sessions live here so that every server process shares them.
  CREATE TABLE admins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at REAL NOT NULL,
    last_login_at REAL
  );

  CREATE TABLE admin_sessions (
    id_hash TEXT PRIMARY KEY,              -- sha256 of the cookie's session id, hex
    admin_id INTEGER NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,              -- what the session's forms carry
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL
  );
  CREATE INDEX admin_sessions_by_admin ON admin_sessions (admin_id);
  ` },
  { sql: `
  -- What the delivery worker has yet to work out (server/notify/fan-out-notifications.ts): the
  -- request path adds one row per stored result or live build begun and nothing more; the worker
  -- reads the result, works out the change and queues its deliveries, deleting the row in the same
  -- transaction. No foreign key: a result removed before then is simply not announced.
  CREATE TABLE notify_queue (
    id INTEGER PRIMARY KEY,                -- not AUTOINCREMENT: one page less written per submission; a new row still sorts after every queued one
    result_key INTEGER NOT NULL,
    event TEXT NOT NULL,                   -- begin (a live build began) or finished (a result stored whole, or a live build's end)
    created_at REAL NOT NULL,              -- Unix seconds
    locked_until REAL,                     -- a worker's lease, or when a failed attempt may be tried again
    attempts INTEGER NOT NULL DEFAULT 0
  );
  ` },
];

/** The schema version a fully migrated database has. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The database file was written by a newer server than this one. */
export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
  readonly found: number;
  readonly supported: number;

  constructor(found: number, supported: number) {
    super(`The database has schema version ${found}, but this server knows versions up to ${supported}; upgrade pony-build`);
    this.found = found;
    this.supported = supported;
  }
}

/** Brings the database to SCHEMA_VERSION, one transaction per migration. */
export function migrateSchema(database: Database.Database): void {
  database.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = database.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new SchemaVersionError(current, SCHEMA_VERSION);
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    database.transaction(() => {
      const migration = MIGRATIONS[version]!;
      database.exec(migration.sql);
      migration.fill?.(database);
      database.prepare('DELETE FROM schema_version').run();
      database.prepare('INSERT INTO schema_version (version) VALUES (?)').run(version + 1);
    })();
  }
}
