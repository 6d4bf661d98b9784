import { z } from 'zod';
import { PoisonMessageError, type CronJob, type QueueConsumer } from '../../../jobs/types';
import { sweepOrphans } from './orphans';

const DeletionMessage = z.object({ kind: z.enum(['deletion', 'org_deletion']), requestId: z.uuid() });

/** `{ kind: 'deletion' | 'org_deletion', requestId }` on cadence-privacy: runs or resumes that request. */
export const deletionConsumer: QueueConsumer = {
  name: 'privacy.deletion',
  async handle(body, services) {
    const parsed = DeletionMessage.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError('invalid deletion message');
    await services.deletion.run(parsed.data.requestId);
  },
};

/** Hourly: deletions whose grace period has ended, and runs that stalled, onto the privacy queue. */
export const deletionsDueJob: CronJob = {
  name: 'privacy.deletions_due',
  run: async (services) => ({ count: await services.deletion.enqueueDue() }),
};

/** Daily: rows and R2 objects naming people who no longer exist, counted for Ops Pulse. */
export const orphanSweepJob: CronJob = {
  name: 'privacy.orphan_sweep',
  run: async (services) => ({ count: (await sweepOrphans(services.db, services.env.UPLOADS)).total }),
};
