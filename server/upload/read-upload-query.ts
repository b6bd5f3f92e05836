// The original's upload parameters travel in the query string, the file as the raw body.
import type { ParsedUrlQuery } from 'node:querystring';
import { readChoiceQuery, readRequiredQuery } from '../http/read-query.ts';

const USAGE = 'uploads are POST /upload?description=...&filename=...&auth_key=...&visible=yes|no with the file as the body';

export interface UploadQuery {
  description: string;
  filename: string;
  authKey: string;
  visible: boolean;
}

export function readUploadQuery(query: ParsedUrlQuery): UploadQuery {
  return {
    description: readRequiredQuery(query, 'description', USAGE, { mayBeEmpty: true }),
    filename: readRequiredQuery(query, 'filename', USAGE),
    authKey: readRequiredQuery(query, 'auth_key', USAGE),
    visible: (readChoiceQuery(query, 'visible', ['yes', 'no']) ?? 'no') === 'yes',
  };
}
