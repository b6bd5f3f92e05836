// The files attached to results, and whether an auth_key may attach more.
import type { Store, UploadRecord } from '../store/types.ts';

/** True when some result was stored with this auth_key. */
export async function isAuthKeyKnown(store: Store, authKey: string): Promise<boolean> {
  return (await store.findResultKeyByAuthKey(authKey)) !== undefined;
}

/**
 * A result's files, the hidden ones only when asked. Nothing asks yet: hidden files (visible=no)
 * are neither listed nor served until admin logins can say who may see them.
 */
export async function listUploads(store: Store, resultKey: number, { includeHidden = false } = {}): Promise<UploadRecord[]> {
  const uploads = await store.listUploads(resultKey);
  return includeHidden ? uploads : uploads.filter((upload) => upload.visible);
}
