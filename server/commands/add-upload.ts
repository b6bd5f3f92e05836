// Attaching a file to a result: the auth_key that add_results returned names the result.
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

/** Attaches a file to the result that `authKey` belongs to. */
export async function addUpload(store: Store, input: UploadInput, uploadedAt: number): Promise<UploadRecord> {
  const resultKey = await store.findResultKeyByAuthKey(input.authKey);
  if (resultKey === undefined) {
    throw new UnknownAuthKeyError();
  }
  return store.addUpload({
    resultKey,
    filename: sanitizeFilename(input.filename),
    description: input.description,
    visible: input.visible,
    uploadedAt,
    content: input.content,
  });
}
