import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { notFound } from '../../../lib/errors';
import { localParts } from '../../../lib/dates';
import { PoisonMessageError } from '../../../jobs/types';
import type { DeliveryItem } from './deliveries.repo';
import { DIGEST_WINDOW_MS, planEmail } from './email-plan';
import { createFanOutBatchRepo } from './fan-out-batch.repo';
import type { FanOutResult } from './fan-out.service';
import { deferForDnd, nextLocalTime } from './notification-schedule';
import { planPush } from './push-plan';
import { typeSpec } from '../notification-types';
import type { NotifyEvent } from '../notifications.schema';
import type { EffectivePreferences } from '../preferences/preferences.service';

export type BatchFanOut = { result: FanOutResult } | { error: unknown };

type Planned = {
  i: number;
  event: NotifyEvent;
  spec: ReturnType<typeof typeSpec>;
  data: Record<string, unknown>;
  prefs: EffectivePreferences;
  at: Date;
  item: DeliveryItem;
  email: ReturnType<typeof planEmail>;
  push: boolean;
};

/**
 * A queue batch of triggers fanned out set-based: what `fanOut` does for one trigger, for all of them in one
 * transaction of a handful of statements (the preferences before it; the per-user locks of the digest rule, the
 * dedupe gate, the in-app rows, the push rows, the emails' latest due times, single emails and grouped ones).
 * Each trigger's result is the one `fanOut` gives; a duplicate (in the batch or seen before) writes nothing.
 * A trigger that can never succeed answers its own error; a failing statement fails the batch (every trigger is
 * retried, and the gate makes the retry write each once).
 */
export function createBatchFanOut(deps: {
  db: Executor;
  clock: Clock;
  preferences: { effectiveMany(userIds: string[]): Promise<Map<string, EffectivePreferences>> };
}) {
  return async function fanOutMany(events: NotifyEvent[]): Promise<{ results: BatchFanOut[]; prefs: Map<string, EffectivePreferences> }> {
    const results = new Array<BatchFanOut>(events.length);
    const now = deps.clock.now();
    const prefsByUser = await deps.preferences.effectiveMany(events.map((e) => e.userId));
    const seen = new Set<string>();
    const planned: Planned[] = [];
    for (const [i, event] of events.entries()) {
      const spec = typeSpec(event.type);
      const parsed = spec.data.safeParse(event.data);
      const prefs = prefsByUser.get(event.userId);
      if (!parsed.success) results[i] = { error: new PoisonMessageError(`notify event ${event.type} has invalid data`) };
      else if (!prefs) results[i] = { error: notFound('User') };
      else if (seen.has(event.dedupeKey)) results[i] = { result: { duplicate: true } };
      else {
        seen.add(event.dedupeKey);
        const data = parsed.data as Record<string, unknown>;
        const at = event.at ? new Date(event.at) : now;
        const item = { type: event.type, dedupeKey: event.dedupeKey, data, at: at.toISOString() };
        const push = planPush({ type: event.type, category: spec.category }, prefs.push);
        planned.push({ i, event, spec, data, prefs, at, item, email: planEmail(spec, prefs), push });
      }
    }
    if (planned.length === 0) return { results, prefs: prefsByUser };

    await deps.db.transaction(async (tx) => {
      const repo = createFanOutBatchRepo(tx);
      const emailsNow = planned.filter((p) => p.email === 'now');
      await repo.lockUserTypes(emailsNow.map((p) => p.event));
      const fresh = await repo.gate(
        planned.map((p) => p.event),
        now,
      );
      const todo = planned.filter((p) => fresh.has(p.event.dedupeKey));
      for (const p of planned) if (!fresh.has(p.event.dedupeKey)) results[p.i] = { result: { duplicate: true } };

      await repo.insertInApp(
        todo
          .filter((p) => p.prefs.channels[p.spec.category].inApp)
          .map(({ event, spec, data, at }) => ({
            userId: event.userId,
            dedupeKey: event.dedupeKey,
            kind: event.type,
            category: spec.category,
            title: spec.title(data as never),
            body: spec.body(data as never),
            link: spec.link(data as never),
            data,
            createdAt: at,
          })),
      );
      // Billing and security mail ignores do-not-disturb; everything else waits for the window's end.
      const quiet = (p: Planned, t: Date) =>
        p.spec.urgency === 'transactional' ? { at: t, deferred: false } : deferForDnd(t, p.prefs.dnd, p.prefs.timeZone);

      const pushRows = await repo.insertPushRows(
        todo
          .filter((p) => p.push)
          .map((p) => {
            const send = quiet(p, now);
            const { userId, dedupeKey, type } = p.event;
            return {
              userId,
              dedupeKey,
              category: p.spec.category,
              type,
              item: p.item,
              dueAt: send.at,
              reason: send.deferred ? 'dnd' : null,
            };
          }),
        now,
      );

      // Emails, planned in the batch's order as one trigger after another would be: the first of a type in a
      // window goes now, the later ones join its digest (the latest due times read once, then carried along).
      const latest = await repo.latestDueOfTypes(
        todo.filter((p) => p.email === 'now').map((p) => p.event),
        new Date(now.getTime() - DIGEST_WINDOW_MS),
      );
      const singles: Parameters<typeof repo.insertSingles>[0] = [];
      const groups = new Map<string, Parameters<typeof repo.appendToGroups>[0][number]>();
      const emailOf = new Map<number, { email: 'now' | 'digest' | 'daily'; key: string }>();
      const join = (p: Planned, g: Omit<Parameters<typeof repo.appendToGroups>[0][number], 'items'>) => {
        const open = groups.get(g.groupKey);
        if (open) open.items.push(p.item);
        else groups.set(g.groupKey, { ...g, items: [p.item] });
      };
      for (const p of todo) {
        const { userId, type, dedupeKey } = p.event;
        const base = { userId, category: p.spec.category, type };
        if (p.email === 'daily') {
          const send = quiet(p, nextLocalTime(now, p.prefs.sendMinute, p.prefs.timeZone));
          const groupKey = `daily:${userId}:${localParts(send.at, p.prefs.timeZone).date}`;
          join(p, { ...base, groupKey, kind: 'daily', type: 'daily', dueAt: send.at, reason: send.deferred ? 'dnd' : 'send_time' });
          emailOf.set(p.i, { email: 'daily', key: groupKey });
        } else if (p.email === 'now') {
          const pair = `${userId}:${type}`;
          const recent = latest.get(pair);
          const send = recent ? quiet(p, new Date(Math.max(recent.getTime() + DIGEST_WINDOW_MS, now.getTime()))) : quiet(p, now);
          if (recent) {
            const groupKey = `digest:${userId}:${type}`;
            join(p, { ...base, groupKey, kind: 'digest', dueAt: send.at, reason: send.deferred ? 'dnd' : 'digest_window' });
            emailOf.set(p.i, { email: 'digest', key: groupKey });
          } else {
            singles.push({ ...base, dedupeKey: `email:${dedupeKey}`, item: p.item, dueAt: send.at, reason: send.deferred ? 'dnd' : null });
            emailOf.set(p.i, { email: 'now', key: `email:${dedupeKey}` });
          }
          if (!recent || send.at > recent) latest.set(pair, send.at);
        }
      }
      const [singleRows, groupRows] = [await repo.insertSingles(singles, now), await repo.appendToGroups([...groups.values()], now)];

      const pushOf = new Map<string, { id: string; dueAt: Date }[]>();
      for (const r of pushRows) pushOf.set(r.eventKey, [...(pushOf.get(r.eventKey) ?? []), r]);
      for (const p of todo) {
        const rows = pushOf.get(p.event.dedupeKey) ?? [];
        const pushed = { push: rows.map((r) => r.id), pushDueNow: rows.filter((r) => r.dueAt.getTime() <= now.getTime()).map((r) => r.id) };
        const inApp = p.prefs.channels[p.spec.category].inApp;
        const e = emailOf.get(p.i);
        const row = e ? ((e.email === 'now' ? singleRows : groupRows).get(e.key) ?? null) : null;
        results[p.i] = {
          result: {
            duplicate: false,
            inApp,
            email: e?.email ?? 'none',
            deliveryId: row?.id ?? null,
            dueNow: e?.email === 'now' && row !== null && row.dueAt.getTime() <= now.getTime(),
            ...pushed,
          },
        };
      }
    });
    return { results, prefs: prefsByUser };
  };
}
