// Who is writing and what they write, as the transports hand it to the coordinator
// (docs/PROTOCOL.md, "Authentication").
import type { WireValue } from '../../wire/types.ts';
import type { ClientTokenRecord } from '../store/client-token-types.ts';

/** What the request's Authorization header said; `malformed` keeps only why, never what was sent. */
export type Credentials =
  | { scheme: 'basic'; name: string; secret: string }
  | { scheme: 'bearer'; secret: string }
  | { scheme: 'malformed'; problem: string };

/**
 * Who a write comes from, once its credentials were checked: `anyone` on an open server (which
 * reads no credentials), a valid client token, or an anonymous address.
 */
export type Writer =
  | { kind: 'anyone' }
  | { kind: 'token'; token: ClientTokenRecord }
  | { kind: 'anonymous'; clientIp: string };

/** What a write changes, for checking it against a token's scope. */
export type WriteTarget =
  /** A result or build named by its client_info (add_results, begin_build, check_should_build, release_build). */
  | { kind: 'client-info'; clientInfo: WireValue | undefined }
  /** The live build this update token updates: checked against what it began with. */
  | { kind: 'live-build'; updateToken: string }
  /** The result this auth_key belongs to (uploads). */
  | { kind: 'result'; authKey: string };

export interface WriteRequest {
  target: WriteTarget;
  /** The request body's size, which an anonymous client's daily cap counts. */
  bodyBytes: number;
}
