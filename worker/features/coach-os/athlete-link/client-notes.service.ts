// A linked athlete's notes and RPE for their coach: only while the athlete shares their training, and only
// on activities from sources others may see (the data-use policy; never Strava's).
import type { Db } from '../../../db/client';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { ActivityNotesService } from '../../activity-notes';
import type { ClientRow } from '../coach-os.repo';
import type { Member } from '../coach-os.service';
import { createAthleteLinkRepo } from './athlete-link.repo';

export function createClientNotesService(deps: {
  db: Db;
  /** The org's client, or a 404 for anyone else's. */
  clientOf: (m: Member, clientId: string) => Promise<ClientRow>;
  notes: Pick<ActivityNotesService, 'recentShared'>;
}) {
  return {
    /** The athlete's notes on their recent shared activities, newest first; 404 unless the athlete agreed. */
    async notes(m: Member, clientId: string) {
      await deps.clientOf(m, clientId);
      const live = await createAthleteLinkRepo(deps.db).liveOfClient(m.org.id, clientId);
      const athleteId = live?.link.status === 'accepted' ? live.link.athleteUserId : null;
      if (!athleteId) throw new AppError(ErrorCode.NOT_FOUND, 'This client has not shared their training with you.');
      return { notes: await deps.notes.recentShared(athleteId) };
    },
  };
}

export type ClientNotesService = ReturnType<typeof createClientNotesService>;
