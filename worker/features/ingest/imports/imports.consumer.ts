import { z } from 'zod';
import { PoisonMessageError, type QueueConsumer } from '../../../jobs/types';

const Message = z.object({ importId: z.uuid() });

export const importsConsumer: QueueConsumer = {
  name: 'imports',
  async handle(body, services) {
    const parsed = Message.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError('invalid imports message');
    await services.imports.process(parsed.data.importId, services.auth.timeZoneOf);
  },
};
