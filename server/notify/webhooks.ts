// Webhooks (docs/PROTOCOL.md, "Webhooks"): each notice a webhook subscribed to becomes one
// delivery whose body is fixed when queued, so every retry sends, and signs, the same bytes.
import type { WebhookTarget } from '../config/notify-config-types.ts';
import type { DeliveryHandler, NewDelivery, NotificationEvent } from './delivery-types.ts';
import type { NotificationChannel, Notice } from './notice-types.ts';
import { postJson } from './post-json.ts';
import { showUrl } from './show-url.ts';
import { signBody } from './sign-body.ts';

/** What a webhook delivery keeps: where, and the exact body. The secret stays in the configuration. */
interface WebhookPayload {
  url: string;
  body: string;
}

/** The webhook channel over the configured webhooks. */
export function createWebhookChannel(webhooks: readonly WebhookTarget[]): NotificationChannel {
  return {
    deliveriesFor(notice) {
      const events = listEvents(notice);
      const packageName = notice.facts.package;
      return webhooks.flatMap((webhook) => {
        if (webhook.packages !== null && !webhook.packages.includes(packageName)) {
          return [];
        }
        return events.filter((event) => webhook.events.includes(event)).map((event) => makeDelivery(webhook, event, notice));
      });
    },
  };
}

function listEvents(notice: Notice): NotificationEvent[] {
  switch (notice.type) {
    case 'result':
      return notice.events;
    case 'builder':
      return [notice.event];
    case 'began':
      return [];
  }
}

function makeDelivery(webhook: WebhookTarget, event: NotificationEvent, notice: Notice): NewDelivery {
  const body = JSON.stringify({ event, ...notice.facts });
  const payload: WebhookPayload = { url: webhook.url, body };
  const subject = notice.type === 'builder'
    ? `${notice.facts.package}:${notice.facts.host}:${notice.facts.arch}:${notice.facts.tags.join(',')}:${notice.facts.latest_result_key}`
    : String(notice.facts.result_key);
  return { kind: 'webhook', target: showUrl(webhook.url), event, dedupeKey: `webhook ${webhook.url} ${event} ${subject}`, payload };
}

/** Sends a webhook delivery, signed with the secret the configuration has now for its URL. */
export function createWebhookHandler(webhooks: readonly WebhookTarget[], timeoutSeconds: number): DeliveryHandler {
  return async (delivery, signal) => {
    const { url, body } = delivery.payload as WebhookPayload;
    const webhook = webhooks.find((candidate) => candidate.url === url);
    if (!webhook) {
      return { ok: false, status: null, error: `${showUrl(url)} is no longer among the configured webhooks`, giveUp: true };
    }
    return postJson(url, body, {
      'X-Pony-Build-Event': delivery.event,
      'X-Pony-Build-Delivery': delivery.id,
      'X-Pony-Build-Signature-256': signBody(body, webhook.secret),
    }, timeoutSeconds, signal);
  };
}
