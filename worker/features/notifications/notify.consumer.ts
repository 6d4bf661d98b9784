import { type MessageResult, PoisonMessageError, type QueueConsumer } from '../../jobs/types';
import { type DeliverMessage, NotifyMessage, type NotifyEvent } from './notifications.schema';

/** Each message's result from a set-based call's per-item answers, or the call's own failure for all of its items. */
async function perItem<T>(
  items: { i: number }[],
  run: () => Promise<({ error: unknown } | T)[]>,
  results: MessageResult[],
  each: (r: T, k: number) => void,
) {
  if (items.length === 0) return;
  try {
    const out = await run();
    for (const [k, { i }] of items.entries()) {
      const r = out[k]!;
      if (typeof r === 'object' && r !== null && 'error' in r) results[i] = { ok: false, error: r.error };
      else {
        each(r as T, k);
        results[i] = { ok: true };
      }
    }
  } catch (error) {
    for (const { i } of items) results[i] = { ok: false, error };
  }
}

export const notifyConsumer: QueueConsumer = {
  name: 'notify',
  async handle(body, services, meta) {
    const parsed = NotifyMessage.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError(`invalid notify message ${meta.id}`);
    const m = parsed.data;
    if (m.kind === 'deliver') {
      const outcome = await services.notifications.deliver(m.deliveryId);
      services.logger.info('notification delivery', { deliveryId: m.deliveryId, job: 'notify', outcome });
      return;
    }
    const r = await services.notifications.handleEvent(m);
    services.logger.info('notification fanned out', {
      userId: m.userId,
      job: 'notify',
      duplicate: r.duplicate,
      ...(r.duplicate ? {} : { emailPlan: r.email, outcome: r.sent ?? 'none' }),
    });
  },

  /**
   * A batch at once (ADR 076 "Fan-out in batches"): its triggers fanned out set-based and its outbox rows sent
   * together. A bad message is dropped alone; a trigger or a row whose own work failed retries alone; a failed
   * fan-out transaction retries the batch's triggers (the dedupe gate makes the retry write each once).
   */
  async handleBatch(messages, services) {
    const results: MessageResult[] = messages.map(() => ({ ok: true }));
    const events: { i: number; m: NotifyEvent }[] = [];
    const delivers: { i: number; m: DeliverMessage }[] = [];
    for (const [i, msg] of messages.entries()) {
      const parsed = NotifyMessage.safeParse(msg.body);
      if (!parsed.success) results[i] = { ok: false, error: new PoisonMessageError(`invalid notify message ${msg.id}`) };
      else if (parsed.data.kind === 'deliver') delivers.push({ i, m: parsed.data });
      else events.push({ i, m: parsed.data });
    }
    const n = services.notifications;
    await Promise.all([
      perItem(
        events,
        async () => (await n.handleEvents(events.map((e) => e.m))).map((r) => ('error' in r ? r : r.result)),
        results,
        (r, k) => {
          const m = events[k]!.m;
          services.logger.info('notification fanned out', {
            userId: m.userId,
            job: 'notify',
            duplicate: r.duplicate,
            ...(r.duplicate ? {} : { emailPlan: r.email, outcome: 'sent' in r && typeof r.sent === 'string' ? r.sent : 'none' }),
          });
        },
      ),
      perItem(
        delivers,
        () => n.deliverMany(delivers.map((d) => d.m.deliveryId)),
        results,
        (outcome, k) => services.logger.info('notification delivery', { deliveryId: delivers[k]!.m.deliveryId, job: 'notify', outcome }),
      ),
    ]);
    return results;
  },
};
