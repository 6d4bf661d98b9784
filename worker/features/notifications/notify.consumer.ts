import { PoisonMessageError, type QueueConsumer } from '../../jobs/types';
import { NotifyMessage } from './notifications.schema';

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
};
