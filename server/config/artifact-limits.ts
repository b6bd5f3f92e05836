// How much the server keeps of uploaded files (docs/PROTOCOL.md, "Uploads"): each file is at
// most `limits.artifact_bytes`, and all files together at most `limits.artifact_quota_bytes`,
// past which the oldest files are evicted (never results).

export const DEFAULT_ARTIFACT_BYTES = 100 * 1024 ** 2;
export const DEFAULT_ARTIFACT_QUOTA_BYTES = 5 * 1024 ** 3;

/** The largest file an upload may carry: the configured limit, but never above --max-body, which reads the body. */
export function resolveArtifactBytes(artifactBytes: number, maxBodyBytes: number): number {
  return Math.min(artifactBytes, maxBodyBytes);
}
