import { PoisonMessageError, type QueueConsumer } from '../../jobs/types';
import { NotifyMessage } from './notifications.schema';

export const notifyConsumer: QueueConsumer = {
  name: 'notify',
  async handle(body, services, meta) {
    const parsed = NotifyMessage.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError(`invalid notify message ${meta.id}`);
    if (parsed.data.kind !== 'event') return;
    const inserted = await services.notifications.deliverInApp(parsed.data);
    services.logger.info('notification delivered', { userId: parsed.data.userId, job: 'notify', duplicate: !inserted });
  },
};
