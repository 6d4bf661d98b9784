import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { backoffDelay, jittered } from '../../../lib/backoff';
import { localParts } from '../../../lib/dates';
import { formatDay, formatDistance } from '../../../lib/format';
import type { Logger } from '../../../lib/logger';
import type { EmailSender } from '../../../providers/email/email';
import type { PushSender } from '../../../providers/push/push';
import { createDeliveriesRepo, type DeliveryRow } from './deliveries.repo';
import { wantsWeeklyEmail } from './email-plan';
import { createPushDelivery } from './push-delivery';
import {
  type EmailContent,
  type EmailLinks,
  type EmailRecipient,
  emailCategories,
  type RenderedEmail,
  type WeeklySummary,
} from '../email/email-content';
import { type Category, isNotificationType, type NotificationType, typeSpec } from '../notification-types';
import { createNotificationsRepo } from '../inbox/notifications.repo';
import type { EffectivePreferences } from '../preferences/preferences.service';

export interface DeliveryDeps {
  db: Executor;
  clock: Clock;
  logger: Logger;
  sender: EmailSender;
  /** Web Push (ADR 076); absent where no VAPID pair is configured, and push rows settle `skipped: push_off`. */
  push?: PushSender | undefined;
  preferences: {
    effective(userId: string): Promise<EffectivePreferences>;
    effectiveMany(userIds: string[]): Promise<Map<string, EffectivePreferences>>;
  };
  render: (content: EmailContent, recipient: EmailRecipient, links: EmailLinks) => RenderedEmail | Promise<RenderedEmail>;
  /** `categories`: every category the email carries (a daily summary's several); `category` is the row's. */
  links: (input: { userId: string; category: Category; deliveryId: string; categories?: Category[] }) => Promise<EmailLinks>;
  headers: (links: EmailLinks) => Record<string, string>;
  weeklySummary: { build(userId: string, weekStart: string): Promise<WeeklySummary> };
  /** Whether the athlete's membership includes the Monday summary by email (email_summaries: Pro); asked when it is sent. */
  weeklyEmailIncluded: (userId: string) => Promise<boolean>;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'retry' | 'failed' | 'not_due' | 'gone';

const MAX_ATTEMPTS = 5;
/** 1, 4, 16, 64 minutes between tries of one email. */
const retryDelayMs = (attempts: number) => backoffDelay({ first: 60_000, factor: 4 }, attempts);

/** Sends one due row of the outbox: claim, re-check preferences, render, send with a stable idempotency key. */
export function createDeliveryService(deps: DeliveryDeps) {
  const repo = createDeliveriesRepo(deps.db);
  const deliverPush = createPushDelivery(deps);

  /** Email content for a row, or why there is nothing to send any more (preferences changed since). */
  async function contentFor(row: DeliveryRow, prefs: EffectivePreferences): Promise<EmailContent | { skip: string }> {
    const stillWanted = (type: string) => {
      if (!isNotificationType(type)) return false;
      const spec = typeSpec(type);
      return spec.urgency === 'transactional' || prefs.channels[spec.category].email;
    };
    if (row.kind === 'weekly') {
      // Nothing to show anywhere: no need to read the week.
      if (!prefs.channels.analysis.inApp && !wantsWeeklyEmail(prefs)) return { skip: 'email_off' };
      const weekStart = String(row.items[0]?.data.weekStart ?? '');
      const summary = await deps.weeklySummary.build(row.userId, weekStart);
      if (prefs.channels.analysis.inApp) {
        await createNotificationsRepo(deps.db).insertOnce({
          userId: row.userId,
          dedupeKey: row.dedupeKey,
          kind: 'weekly.summary',
          category: 'analysis',
          title: `Your week of ${formatDay(summary.weekStart)}`,
          body: `${summary.volume.activities} ${summary.volume.activities === 1 ? 'activity' : 'activities'}, ${formatDistance(summary.volume.distanceM, prefs.units)}, load ${Math.round(summary.load.total)}.`,
          link: '/home',
          data: { weekStart: summary.weekStart },
        });
      }
      if (!wantsWeeklyEmail(prefs)) return { skip: 'email_off' };
      // The email is a paid feature; the in-app summary above is everyone's.
      return (await deps.weeklyEmailIncluded(row.userId)) ? { kind: 'weekly', summary } : { skip: 'needs_pro' };
    }
    const items = row.items.filter((i) => stillWanted(i.type));
    if (items.length === 0) return { skip: 'category_off' };
    if (row.kind === 'daily') {
      return {
        kind: 'daily',
        date: localParts(row.dueAt, prefs.timeZone).date,
        items: items.map((i) => ({ type: i.type as NotificationType, data: i.data, at: i.at })),
      };
    }
    const type = row.type as NotificationType;
    if (row.kind === 'digest' && items.length > 1) return { kind: 'digest', type, items: items.map((i) => ({ data: i.data, at: i.at })) };
    const only = items[0]!;
    return { kind: 'single', type, data: only.data, at: only.at };
  }

  async function deliver(deliveryId: string): Promise<DeliveryOutcome> {
    const now = deps.clock.now();
    const row = await repo.claim(deliveryId, now);
    if (!row) return 'not_due';
    if (row.channel === 'push') return deliverPush(row, now);
    return sendEmail(row, now);
  }

  /**
   * Many rows at once (a queue batch's `deliver` messages, a fan-out's pushes due now): one claim, the push rows
   * through one set-based send, each email on its own. Per id its outcome, or the error that should retry its message.
   */
  async function deliverMany(ids: string[], known?: Map<string, EffectivePreferences>): Promise<(DeliveryOutcome | { error: unknown })[]> {
    const now = deps.clock.now();
    const order = new Map(ids.map((id, i) => [id, i]));
    // In the callers' order (a statement's RETURNING has none): the pushes go out as the triggers came.
    const claimed = (await repo.claimMany(ids, now)).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const byId = new Map(claimed.map((r) => [r.id, r]));
    const pushRows = claimed.filter((r) => r.channel === 'push');
    const outcomes = new Map<string, DeliveryOutcome | { error: unknown }>();
    const [pushResults] = await Promise.all([
      deliverPush.many(pushRows, now, known),
      ...claimed
        .filter((r) => r.channel !== 'push')
        .map((r) =>
          sendEmail(r, now).then(
            (o) => void outcomes.set(r.id, o),
            (error: unknown) => void outcomes.set(r.id, { error }),
          ),
        ),
    ]);
    for (const [i, r] of pushRows.entries()) outcomes.set(r.id, pushResults[i]!);
    return ids.map((id) => (byId.has(id) ? outcomes.get(id)! : 'not_due'));
  }

  async function sendEmail(row: DeliveryRow, now: Date): Promise<DeliveryOutcome> {
    const prefs = await deps.preferences.effective(row.userId);
    const content = await contentFor(row, prefs);
    if ('skip' in content) {
      await repo.finish(row.id, { status: 'skipped', reason: content.skip }, now);
      return 'skipped';
    }
    const category = (row.kind === 'weekly' ? 'analysis' : row.category) as Category;
    try {
      const links = await deps.links({ userId: row.userId, category, deliveryId: row.id, categories: emailCategories(content) });
      const rendered = await deps.render(content, { displayName: prefs.displayName, units: prefs.units, timeZone: prefs.timeZone }, links);
      const sent = await deps.sender.send({
        to: prefs.email,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        // Provider tags allow letters, digits, _ and - only.
        tag: (row.kind === 'single' ? row.type : row.kind).replace(/[^A-Za-z0-9_-]/g, '_'),
        headers: deps.headers(links),
        // A retried row keeps its id: the provider delivers it once.
        idempotencyKey: row.id,
      });
      await repo.finish(row.id, { status: 'sent', providerMessageId: sent.id }, deps.clock.now());
      deps.logger.info('notification email sent', { deliveryId: row.id, userId: row.userId, kind: row.kind });
      return 'sent';
    } catch (err) {
      const error = err instanceof Error ? err.message.slice(0, 200) : 'unknown';
      const last = row.attempts >= MAX_ATTEMPTS;
      await repo.finish(
        row.id,
        last
          ? { status: 'failed', reason: 'provider_error', error }
          : { status: 'scheduled', dueAt: new Date(now.getTime() + jittered(retryDelayMs(row.attempts), row.id)), error },
        deps.clock.now(),
      );
      deps.logger.warn('notification email failed', {
        deliveryId: row.id,
        count: row.attempts,
        errorName: err instanceof Error ? err.name : 'unknown',
      });
      return last ? 'failed' : 'retry';
    }
  }

  return Object.assign(deliver, { many: deliverMany });
}
