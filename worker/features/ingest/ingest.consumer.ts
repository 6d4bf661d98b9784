import { z } from 'zod';
import { PoisonMessageError, type QueueConsumer } from '../../jobs/types';
import { STRAVA_SOURCE } from './strava/strava.connection';

const Message = z.object({ jobId: z.uuid() });

/** One ingest job per message; the job row (not the message) says what to do and whether it is done. */
export const ingestConsumer: QueueConsumer = {
  name: 'ingest',
  async handle(body, services) {
    const parsed = Message.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError('invalid ingest message');
    await services.ingestion.run(parsed.data.jobId, (job) => services.strava.jobs.handle(job), STRAVA_SOURCE);
  },
};
