// Checks that a hook comes from the forge holding our secret, over the raw body as it came
// (docs/PROTOCOL.md, "Push hooks"). Every comparison takes the same time whatever it compares,
// so the secret cannot be learned by timing answers.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { HookConfig } from '../config/hook-config-types.ts';
import { HookSignatureError } from './hook-errors.ts';
import { FORGE_NAMES, readHeader, type Forge } from './identify-forge.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** Throws a HookSignatureError naming what is missing or wrong; returns when the hook is genuine. */
export function verifyHookSignature(forge: Forge, headers: IncomingHttpHeaders, body: Buffer, config: HookConfig): void {
  switch (forge) {
    case 'github': {
      const secret = requireSecret(config.githubSecret, forge, 'github_secret');
      const signature = requireHeader(headers, 'X-Hub-Signature-256', forge);
      const hex = /^sha256=(.*)$/.exec(signature)?.[1];
      checkHmac(hex, secret, body, 'X-Hub-Signature-256', 'sha256=<64 hex digits>', 'github_secret');
      return;
    }
    case 'gitea': {
      const secret = requireSecret(config.giteaSecret, forge, 'gitea_secret');
      const header = readHeader(headers, 'x-forgejo-signature') !== undefined ? 'X-Forgejo-Signature' : 'X-Gitea-Signature';
      checkHmac(requireHeader(headers, header, forge), secret, body, header, '64 hex digits', 'gitea_secret');
      return;
    }
    case 'gitlab': {
      const token = requireSecret(config.gitlabToken, forge, 'gitlab_token');
      const given = requireHeader(headers, 'X-Gitlab-Token', forge);
      // Digests have one length, so comparing them neither fails on nor reveals a length.
      if (!timingSafeEqual(sha256(given), sha256(token))) {
        throw new HookSignatureError('X-Gitlab-Token is not the secret token configured as hooks.gitlab_token');
      }
    }
  }
}

function requireSecret(secret: string | null, forge: Forge, key: string): string {
  if (secret === null) {
    throw new HookSignatureError(`this server takes no ${FORGE_NAMES[forge]} hooks: hooks.${key} is not configured`);
  }
  return secret;
}

function requireHeader(headers: IncomingHttpHeaders, name: string, forge: Forge): string {
  const value = readHeader(headers, name.toLowerCase());
  if (value === undefined || value === '') {
    throw new HookSignatureError(`the ${FORGE_NAMES[forge]} hook has no ${name} header; give the hook the secret configured on this server`);
  }
  return value;
}

function checkHmac(hex: string | undefined, secret: string, body: Buffer, header: string, shape: string, key: string): void {
  if (hex === undefined || !SHA256_HEX.test(hex)) {
    throw new HookSignatureError(`${header} is not of the form ${shape}`);
  }
  const expected = createHmac('sha256', secret).update(body).digest();
  if (!timingSafeEqual(Buffer.from(hex, 'hex'), expected)) {
    throw new HookSignatureError(`${header} does not match the body signed with hooks.${key}`);
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
