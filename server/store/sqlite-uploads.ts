// Uploads in the SQLite store: the row describes the file, the bytes are a file on disk
// (upload-files.ts). Rows stored before files moved to disk keep their bytes in `content`
// (storage_name NULL) and are read from there. A file evicted to keep within the quota keeps
// its row, so the result page can say what was there.
import type Database from 'better-sqlite3';
import type { NewUploadRecord, UploadRecord, UploadWithContent } from './types.ts';
import type { UploadFiles } from './upload-files.ts';
import { openUploadContent, readUploadRow, UPLOAD_COLUMNS, writtenUploadRow, type UploadRow } from './upload-rows.ts';

export interface UploadQueries {
  addUpload(record: NewUploadRecord): Promise<UploadRecord>;
  listUploads(resultKey: number): Promise<UploadRecord[]>;
  getUpload(resultKey: number, uploadId: number): Promise<UploadWithContent | undefined>;
  evictUploadsBeyond(quotaBytes: number, evictedAt: number): Promise<UploadRecord[]>;
}

export function createSqliteUploadQueries(database: Database.Database, files: UploadFiles): UploadQueries {
  const statements = {
    insertUpload: database.prepare(`
      INSERT INTO uploads (result_id, filename, description, visible, size, uploaded_at, content, storage_name)
      VALUES (?, ?, ?, ?, ?, ?, X'', ?)`),
    listUploads: database.prepare(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE result_id = ? ORDER BY id`),
    getUpload: database.prepare(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE result_id = ? AND id = ?`),
    getContent: database.prepare('SELECT content FROM uploads WHERE id = ?'),
    sumKept: database.prepare('SELECT coalesce(sum(size), 0) AS total FROM uploads WHERE evicted_at IS NULL'),
    findOldestKept: database.prepare(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE evicted_at IS NULL ORDER BY id LIMIT 1`),
    evict: database.prepare("UPDATE uploads SET evicted_at = ?, content = X'' WHERE id = ?"),
  };

  // Oldest first until the rest fits; the rows stay, marked, and their files go after the commit.
  const evictBeyond = database.transaction((quotaBytes: number, evictedAt: number): UploadRow[] => {
    let total = (statements.sumKept.get() as { total: number }).total;
    const evicted: UploadRow[] = [];
    while (total > quotaBytes) {
      const row = statements.findOldestKept.get() as UploadRow | undefined;
      if (!row) {
        break;
      }
      statements.evict.run(evictedAt, row.id);
      evicted.push({ ...row, evicted_at: evictedAt });
      total -= row.size;
    }
    return evicted;
  });

  return {
    async addUpload(record) {
      const storageName = await files.write(record.content);
      try {
        const { lastInsertRowid } = statements.insertUpload.run(
          record.resultKey, record.filename, record.description, Number(record.visible),
          record.content.length, record.uploadedAt, storageName);
        return readUploadRow(writtenUploadRow(Number(lastInsertRowid), record, storageName));
      } catch (error) {
        await files.remove([storageName]);
        throw error;
      }
    },
    async listUploads(resultKey) {
      return (statements.listUploads.all(resultKey) as UploadRow[]).map(readUploadRow);
    },
    async getUpload(resultKey, uploadId) {
      const row = statements.getUpload.get(resultKey, uploadId) as UploadRow | undefined;
      if (!row) {
        return undefined;
      }
      return { ...readUploadRow(row), content: await openUploadContent(row, files, readRowContent) };
    },
    async evictUploadsBeyond(quotaBytes, evictedAt) {
      const evicted = evictBeyond(quotaBytes, evictedAt);
      await files.remove(evicted.flatMap((row) => (row.storage_name === null ? [] : [row.storage_name])));
      return evicted.map(readUploadRow);
    },
  };

  async function readRowContent(uploadId: number): Promise<Buffer> {
    return (statements.getContent.get(uploadId) as { content: Buffer }).content;
  }
}
