// The original's upload parameters travel in the query string, the file as the raw body.
import type { ParsedUrlQuery } from 'node:querystring';
import { HttpError } from '../http/http-error.ts';

const USAGE = 'expected POST /upload?description=...&filename=...&auth_key=...&visible=yes|no with the file as the body';

export interface UploadQuery {
  description: string;
  filename: string;
  authKey: string;
  visible: boolean;
}

export function readUploadQuery(query: ParsedUrlQuery): UploadQuery {
  const visible = readParameter(query, 'visible', true) ?? 'no';
  if (visible !== 'yes' && visible !== 'no') {
    throw new HttpError(400, `the \`visible\` query parameter must be yes or no, got ${JSON.stringify(visible)}`);
  }
  return {
    description: readParameter(query, 'description', true)!,
    filename: readParameter(query, 'filename', false)!,
    authKey: readParameter(query, 'auth_key', false)!,
    visible: visible === 'yes',
  };
}

function readParameter(query: ParsedUrlQuery, name: string, mayBeEmpty: boolean): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    throw new HttpError(400, `the \`${name}\` query parameter was given ${value.length} times; give it once`);
  }
  if (value === undefined) {
    if (name === 'visible') {
      return undefined;
    }
    throw new HttpError(400, `missing the \`${name}\` query parameter; ${USAGE}`);
  }
  if (value === '' && !mayBeEmpty) {
    throw new HttpError(400, `the \`${name}\` query parameter is empty; ${USAGE}`);
  }
  return value;
}
