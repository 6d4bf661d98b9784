// The athlete's second consent on a coach link (issue 40, ADR 074): wellness — sleep, HRV, resting HR, check-ins,
// weight — is health data, shown to the coach only while the athlete shares it, separately from their training.
// The link is read on every call, so stopping (or ending the link) counts at once. Nothing here is logged.
import type { Db } from '../../../db/client';
import { refuseWhileImpersonating } from '../../../http/guards';
import type { Clock } from '../../../lib/clock';
import { addDays, todayIn } from '../../../lib/dates';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { Actor, AuditService } from '../../audit';
import type { WellnessService } from '../../wellness';
import type { ClientRow } from '../coach-os.repo';
import type { Member } from '../coach-os.service';
import { createAthleteLinkRepo } from './athlete-link.repo';

/** The coach's card shows this many days when no range is asked for. */
export const WELLNESS_CARD_DAYS = 14;

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clientOf: (m: Member, clientId: string) => Promise<ClientRow>;
  wellness: Pick<WellnessService, 'days' | 'readiness'>;
}

export function createClientWellnessService(deps: Deps) {
  return {
    /**
     * The linked athlete's days (merged as their /wellness page shows them, from the sources the policy lets a
     * coach see) and readiness, or `shared: false` with their name while they have not shared wellness. Anyone
     * else's client, or no accepted link, is a 404 as on every read through the link.
     */
    async wellness(m: Member, clientId: string, range: { from?: string; to?: string }) {
      await deps.clientOf(m, clientId);
      const r = createAthleteLinkRepo(deps.db);
      const live = await r.liveOfClient(m.org.id, clientId);
      const user = live?.link.status === 'accepted' && live.link.athleteUserId ? await r.athleteUser(live.link.athleteUserId) : undefined;
      if (!live || !user) throw new AppError(ErrorCode.NOT_FOUND, 'This client has not shared their training with you.');
      const athlete = { id: user.id, units: user.units, timeZone: user.timeZone };
      const to = range.to ?? todayIn(user.timeZone, deps.clock.now());
      const from = range.from ?? addDays(to, -(WELLNESS_CARD_DAYS - 1));
      const head = { athlete: { name: user.displayName }, from, to };
      if (!live.link.wellnessSharedAt) return { ...head, shared: false as const };
      const [days, readiness] = await Promise.all([
        deps.wellness.days(athlete, from, to, 'coach'),
        deps.wellness.readiness(athlete, 'coach'),
      ]);
      return { ...head, shared: true as const, sharedSince: live.link.wellnessSharedAt.toISOString(), ...days, readiness };
    },

    /** Athlete side: share wellness with this coach, or stop; audited, and never by someone acting as them. */
    async setShare(actor: Actor, userId: string, linkId: string, shared: boolean) {
      refuseWhileImpersonating(actor, shared ? 'share an athlete’s wellness' : 'change an athlete’s wellness sharing');
      await deps.db.transaction(async (tx) => {
        const row = await createAthleteLinkRepo(tx).setWellnessShare(userId, linkId, shared ? deps.clock.now() : null);
        if (!row) throw notFound('Link');
        await deps.audit.record(
          {
            actor,
            action: shared ? 'athlete_link.wellness_shared' : 'athlete_link.wellness_withdrawn',
            target: { type: 'athlete_link', id: linkId },
            payload: { orgId: row.orgId, clientId: row.clientId },
          },
          tx,
        );
      });
      return { wellness: shared };
    },
  };
}

export type ClientWellnessService = ReturnType<typeof createClientWellnessService>;
