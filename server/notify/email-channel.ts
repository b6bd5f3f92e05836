// E-mail through the delivery queue (README "E-mail"): a result whose tagset broke or was fixed
// (still_failing when a rule asks) becomes one delivery per rule, its mail composed when queued
// so every retry sends the same mail; the handler sends it through the configured SMTP server.
import type { EmailChange, EmailRule, SmtpSettings } from '../config/email-config-types.ts';
import type { DeliveryHandler, NewDelivery } from './delivery-types.ts';
import type { MailContent } from './email-format.ts';
import { createMailSender, MailSendError } from './email-send.ts';
import { composeTransitionMail } from './email-transition.ts';
import type { NotificationChannel } from './notice-types.ts';

interface EmailPayload {
  to: string[];
  mail: MailContent;
}

export function createEmailChannel(rules: readonly EmailRule[]): NotificationChannel {
  return {
    deliveriesFor(notice) {
      if (notice.type !== 'result') {
        return [];
      }
      const { facts } = notice;
      return rules.flatMap((rule): NewDelivery[] => {
        const change = rule.on.find((candidate: EmailChange) => notice.events.includes(candidate));
        if (change === undefined || (rule.packages !== null && !rule.packages.includes(facts.package))) {
          return [];
        }
        const payload: EmailPayload = { to: rule.to, mail: composeTransitionMail(change, facts) };
        const target = rule.to.join(', ');
        return [{ kind: 'email', target, event: change, dedupeKey: `email ${target} ${change} ${facts.result_key}`, payload }];
      });
    },
  };
}

export function createEmailHandler(smtp: SmtpSettings): DeliveryHandler {
  const sender = createMailSender(smtp);
  return async (delivery) => {
    const { to, mail } = delivery.payload as EmailPayload;
    try {
      await sender.send(to, mail);
      return { ok: true, status: null, error: null };
    } catch (error) {
      // A 5xx reply refuses this mail for good (a bad address); anything else may pass later.
      const responseCode = error instanceof MailSendError ? error.responseCode : null;
      return { ok: false, status: responseCode, error: (error as Error).message, giveUp: responseCode !== null && responseCode >= 500 && responseCode !== 535 };
    }
  };
}
