// Receivers check that a webhook came from us: X-Pony-Build-Signature-256 is the HMAC-SHA256 of
// the exact body bytes with the webhook's secret, as GitHub's X-Hub-Signature-256 is.
import { createHmac } from 'node:crypto';

/** `sha256=<hex>` of `body` under `secret`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
