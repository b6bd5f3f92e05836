// Uploads in the PostgreSQL store, as sqlite-uploads.ts: the row describes the file, the bytes
// are a file on disk (upload-files.ts) in the directory every instance shares. Rows stored
// before files moved to disk (copied from an old SQLite file) keep their bytes in `content`
// (storage_name NULL) and are read from there; other rows have no bytes in the database
// (content NULL). A file evicted to keep within the quota keeps its row, so the result page can
// say what was there.
import type { PostgresDatabase } from './postgres-database.ts';
import type { UploadQueries } from './sqlite-uploads.ts';
import type { UploadFiles } from './upload-files.ts';
import { openUploadContent, readUploadRow, UPLOAD_COLUMNS, writtenUploadRow, type UploadRow } from './upload-rows.ts';

// Any constant works, as long as nothing else on the database takes the same advisory lock.
const EVICTION_LOCK = 'pony-build upload eviction';

export function createPostgresUploadQueries(database: PostgresDatabase, files: UploadFiles): UploadQueries {
  return {
    async addUpload(record) {
      const storageName = await files.write(record.content);
      try {
        const row = await database.one<{ id: number }>(`
          INSERT INTO uploads (result_id, filename, description, visible, size, uploaded_at, content, storage_name)
          VALUES ($1, $2, $3, $4, $5, $6, NULL, $7)
          RETURNING id`, [
          record.resultKey, record.filename, record.description, Number(record.visible),
          record.content.length, record.uploadedAt, storageName,
        ]);
        return readUploadRow(writtenUploadRow(row!.id, record, storageName));
      } catch (error) {
        await files.remove([storageName]);
        throw error;
      }
    },
    async listUploads(resultKey) {
      const rows = await database.rows<UploadRow>(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE result_id = $1 ORDER BY id`, [resultKey]);
      return rows.map(readUploadRow);
    },
    async getUpload(resultKey, uploadId) {
      const row = await database.one<UploadRow>(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE result_id = $1 AND id = $2`, [resultKey, uploadId]);
      if (!row) {
        return undefined;
      }
      return { ...readUploadRow(row), content: await openUploadContent(row, files, readRowContent) };
    },
    async evictUploadsBeyond(quotaBytes, evictedAt) {
      const evicted = await database.transaction(async (client) => {
        // Several instances evict after their own uploads. Without this lock two of them would
        // each add up the kept files from their own snapshot and evict by it, together removing
        // more than the quota asks; with it the second waits, then sees the first one's evictions.
        await client.run('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [EVICTION_LOCK]);
        // Oldest first until the rest fits, as SQLite's loop does, in one statement: a kept file
        // goes when it and every newer kept file together exceed the quota. The rows stay, marked.
        return client.rows<UploadRow>(`
          UPDATE uploads u SET evicted_at = $2, content = NULL
          FROM (
            SELECT id, sum(size) OVER (ORDER BY id DESC) AS kept_from_here
            FROM uploads WHERE evicted_at IS NULL
          ) k
          WHERE u.id = k.id AND k.kept_from_here > $1
          RETURNING u.id, u.result_id, u.filename, u.description, u.visible, u.size, u.uploaded_at, u.evicted_at, u.storage_name`,
        [quotaBytes, evictedAt]);
      });
      evicted.sort((a, b) => a.id - b.id);
      // Files go after the commit: a rollback must not leave a kept row without its file.
      await files.remove(evicted.flatMap((row) => (row.storage_name === null ? [] : [row.storage_name])));
      return evicted.map(readUploadRow);
    },
  };

  async function readRowContent(uploadId: number): Promise<Buffer> {
    const stored = await database.one<{ content: Buffer | null }>('SELECT content FROM uploads WHERE id = $1', [uploadId]);
    return stored?.content ?? Buffer.alloc(0);
  }
}
