// The uploads row as both stores read it, and how it becomes a record and its content: the
// SQLite and PostgreSQL stores answer alike because they share these.
import { Readable } from 'node:stream';
import type { NewUploadRecord, UploadRecord } from './types.ts';
import type { UploadFiles } from './upload-files.ts';

export interface UploadRow {
  id: number;
  result_id: number;
  filename: string;
  description: string;
  visible: number;
  size: number;
  uploaded_at: number;
  evicted_at: number | null;
  storage_name: string | null;
}

export const UPLOAD_COLUMNS = 'id, result_id, filename, description, visible, size, uploaded_at, evicted_at, storage_name';

/** The row just written for `record`, whose file is `storageName`, without reading it back. */
export function writtenUploadRow(id: number, record: NewUploadRecord, storageName: string): UploadRow {
  return {
    id,
    result_id: record.resultKey,
    filename: record.filename,
    description: record.description,
    visible: Number(record.visible),
    size: record.content.length,
    uploaded_at: record.uploadedAt,
    evicted_at: null,
    storage_name: storageName,
  };
}

export function readUploadRow(row: UploadRow): UploadRecord {
  return {
    id: row.id,
    resultKey: row.result_id,
    filename: row.filename,
    description: row.description,
    visible: row.visible === 1,
    size: row.size,
    uploadedAt: row.uploaded_at,
    evictedAt: row.evicted_at,
  };
}

/**
 * The upload's bytes: none once evicted, else its file, or for a row stored before files moved
 * to disk (storage_name NULL) the bytes the row itself keeps, which `readRowContent` reads.
 */
export async function openUploadContent(
  row: UploadRow, files: UploadFiles, readRowContent: (uploadId: number) => Promise<Buffer>,
): Promise<Readable | null> {
  if (row.evicted_at !== null) {
    return null;
  }
  if (row.storage_name !== null) {
    return (await files.open(row.storage_name)) ?? null;
  }
  return Readable.from([await readRowContent(row.id)]);
}
