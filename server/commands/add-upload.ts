// Attaching a file to a result: the auth_key that add_results returned names the result. Files
// past the quota make room by evicting the oldest files, never results (docs/PROTOCOL.md, "Uploads").
import { UnknownAuthKeyError } from '../errors/domain-errors.ts';
import type { Store, UploadRecord } from '../store/types.ts';
import { sanitizeFilename } from './sanitize-filename.ts';

export interface UploadInput {
  authKey: string;
  /** As the client gave it; reduced to a safe base name before storing. */
  filename: string;
  description: string;
  visible: boolean;
  content: Buffer;
}

/** Attaches a file to the result that `authKey` belongs to, then evicts the oldest files beyond `quotaBytes`. */
export async function addUpload(store: Store, input: UploadInput, uploadedAt: number, quotaBytes: number): Promise<UploadRecord> {
  const resultKey = await store.findResultKeyByAuthKey(input.authKey);
  if (resultKey === undefined) {
    throw new UnknownAuthKeyError();
  }
  const upload = await store.addUpload({
    resultKey,
    filename: sanitizeFilename(input.filename),
    description: input.description,
    visible: input.visible,
    uploadedAt,
    content: input.content,
  });
  await store.evictUploadsBeyond(quotaBytes, uploadedAt);
  return upload;
}
