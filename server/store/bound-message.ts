// The stored message is for lists and history pages; a multi-megabyte assertion dump stays
// whole in the result's bag, and the index table stays small.
export const MAX_STORED_MESSAGE_LENGTH = 2000;

const MARKER = ' [...]';

/** The message cut to MAX_STORED_MESSAGE_LENGTH characters, with a marker when it was cut. */
export function boundMessage(message: string | null): string | null {
  if (message === null || message.length <= MAX_STORED_MESSAGE_LENGTH) {
    return message;
  }
  return message.slice(0, MAX_STORED_MESSAGE_LENGTH - MARKER.length) + MARKER;
}
