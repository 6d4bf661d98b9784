import type { NotificationType } from '../notification-types';
import type { PushUrgency } from '../../../providers/push/push';

/**
 * Which notifications reach a phone by Web Push, and how (ADR 076). Urgency tells the device how soon to wake
 * (RFC 8030 §5.3: high for what the athlete should answer, low for what can wait); TTL how long the push service
 * keeps it for an offline device; the topic collapses an undelivered older one of the same kind (§5.4).
 * Types not listed stay in-app and email only.
 */
export const PUSH_TYPES: Partial<
  Record<NotificationType, { urgency: PushUrgency; ttlS: number; until?: (data: Record<string, unknown>) => string }>
> = {
  'comment.posted': { urgency: 'high', ttlS: 24 * 3600 },
  'coach.update': { urgency: 'high', ttlS: 24 * 3600 },
  'coach.proposal': { urgency: 'high', ttlS: 3 * 24 * 3600 },
  'plan.created': { urgency: 'normal', ttlS: 24 * 3600 },
  'load.warning': { urgency: 'normal', ttlS: 24 * 3600 },
  'billing.payment_failed': { urgency: 'normal', ttlS: 3 * 24 * 3600 },
  'analysis.ready': { urgency: 'low', ttlS: 12 * 3600 },
  // Today's workout means nothing tomorrow: kept by the push service until the athlete's day ends, never after.
  'workout.reminder': { urgency: 'normal', ttlS: 24 * 3600, until: (d) => String(d.endsAt) },
};

export const pushSpec = (type: string) => PUSH_TYPES[type as NotificationType] ?? null;

/**
 * Whether a trigger goes on the urgent lane (NOTIFY_URGENT_QUEUE, ADR 076 "Fan-out in batches"): one athlete's
 * high-urgency push (a coach's message, a comment, a proposal), never queued behind a fan-out of thousands.
 */
export const urgentLane = (type: string) => pushSpec(type)?.urgency === 'high';

/**
 * The TTL for a push sent at `now`: the type's, cut to what is left of a notice that ends (`until`); null when it
 * has already ended (a reminder deferred past midnight by do-not-disturb is not sent at all).
 */
export function pushTtl(spec: NonNullable<ReturnType<typeof pushSpec>>, data: Record<string, unknown>, now: Date): number | null {
  if (!spec.until) return spec.ttlS;
  const left = Math.floor((Date.parse(spec.until(data)) - now.getTime()) / 1000);
  return left > 0 ? Math.min(spec.ttlS, left) : null;
}

/** RFC 8030 §5.4: a topic is at most 32 characters of the URL-safe base64 alphabet. */
export const pushTopic = (type: string) => type.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 32);

/** Whether an event goes out by push: a pushing type, with push on for its category. Devices are counted after. */
export const planPush = (event: { type: string; category: string }, push: Record<string, boolean>) =>
  pushSpec(event.type) !== null && push[event.category] === true;
