// What the store keeps for client tokens and anonymous writers (docs/PROTOCOL.md,
// "Authentication"). The secret itself is never stored, only its hash.

/** What a token may write: results whose client_info names one of these; empty lists allow any. */
export interface ClientTokenScope {
  packages: string[];
  hosts: string[];
}

/** A token as it is listed: never its secret, nor its hash. */
export interface ClientTokenRecord extends ClientTokenScope {
  name: string;
  /** Unix seconds. */
  createdAt: number;
  /** The last write it was accepted for, in Unix seconds; null when never used. */
  lastUsedAt: number | null;
  /** Unix seconds; null while it is valid. */
  revokedAt: number | null;
}

export interface NewClientTokenRecord extends ClientTokenScope {
  name: string;
  /** SHA-256 of the secret, hex. */
  secretHash: string;
  createdAt: number;
}

/** A token with its hash, for checking a secret against it. */
export interface StoredClientToken extends ClientTokenRecord {
  secretHash: string;
}

/** The package and host a stored result (or live build) was written for, which a token's scope is checked against. */
export interface WriteOwner {
  package: string;
  host: string;
}

/** What an anonymous client sent today, and whether this body fitted under the cap. */
export interface AnonymousCharge {
  charged: boolean;
  /** Bytes counted today before this body. */
  usedBefore: number;
}

export interface ClientTokenStore {
  /** Stores a new token; false when the name is taken (by a valid or a revoked token). */
  addClientToken(record: NewClientTokenRecord): Promise<boolean>;
  /** Every token, oldest first. */
  listClientTokens(): Promise<ClientTokenRecord[]>;
  findClientToken(name: string): Promise<StoredClientToken | undefined>;
  findClientTokenBySecretHash(secretHash: string): Promise<StoredClientToken | undefined>;
  /** Marks the token revoked at `at` unless it already is; false when no token has the name. */
  revokeClientToken(name: string, at: number): Promise<boolean>;
  markClientTokenUsed(name: string, at: number): Promise<void>;
  /** Adds `bytes` to the address's count for `day` when the sum stays within `limit`, in one transaction; older days are forgotten. */
  chargeAnonymousBytes(clientIp: string, day: string, bytes: number, limit: number): Promise<AnonymousCharge>;
  /** The package and host of the live build this update token updates. */
  findLiveBuildOwner(updateToken: string): Promise<WriteOwner | undefined>;
  /** The package and host of the result this auth_key belongs to. */
  findResultOwner(authKey: string): Promise<WriteOwner | undefined>;
}
