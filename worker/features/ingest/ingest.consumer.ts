import { z } from 'zod';
import { PoisonMessageError, type QueueConsumer } from '../../jobs/types';
import { doorOfKind } from './file-doors/file-doors.registry';
import { STRAVA_SOURCE } from './strava/strava.connection';

const Message = z.object({ jobId: z.uuid() });

/**
 * One ingest job per message; the job row (not the message) says what to do and whether it is done. A live door's
 * jobs (`garmin.…`) report to their provider's ingestion state, Strava's to Strava's.
 */
export const ingestConsumer: QueueConsumer = {
  name: 'ingest',
  async handle(body, services, meta) {
    const parsed = Message.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError('invalid ingest message');
    await services.ingestion.run(
      parsed.data.jobId,
      (job) => (doorOfKind(job.kind) ? services.fileDoors.jobs.handle(job) : services.strava.jobs.handle(job)),
      // A door's wellness polls keep their own state (`polar_wellness`): they are not the door's files.
      (job) => {
        const provider = doorOfKind(job.kind)?.provider;
        if (!provider) return STRAVA_SOURCE;
        return job.kind.endsWith('.wellness') ? `${provider}_wellness` : provider;
      },
      meta.id,
    );
  },
};
