// A client's link to their Cadence athlete account. The coach asks by email; only the athlete signed in
// with that email can agree, and either side can end it at any time. While it stands, the coach sees a
// summary of the athlete's training built only from sources the data-use policy lets others see (never
// Strava's). Answers never tell the coach whether an email has an account.
import type { Db } from '../../../db/client';
import { isUniqueViolation } from '../../../db/pg-errors';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { ActivitiesService } from '../../activities';
import { athleteOf, type AnalyticsService } from '../../analytics';
import type { Actor, AuditService } from '../../audit';
import type { Notifier } from '../../notifications';
import type { ClientRow } from '../coach-os.repo';
import type { Member } from '../coach-os.service';
import { createAthleteLinkRepo, type AthleteLinkRow } from './athlete-link.repo';

/** What the coach's view of a linked athlete covers. */
export const TRAINING_DAYS = 42;
export const TRAINING_WEEKS = 8;
export const RECENT_ACTIVITIES = 10;

/** Only live links (pending or accepted) are ever shown: ended ones are history for the audit log. */
const presentLink = (r: AthleteLinkRow, athleteName: string | null = null) => ({
  id: r.id,
  email: r.email,
  status: r.status as 'pending' | 'accepted',
  athleteName,
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** Told after each change has committed; a send that fails is logged, never the coach's or athlete's error. */
  notifications: Notifier;
  /** The org's client, or a 404 for anyone else's. */
  clientOf: (m: Member, clientId: string) => Promise<ClientRow>;
  analytics: Pick<AnalyticsService, 'fitnessTimeline' | 'weeks' | 'activityStreams'>;
  activities: Pick<ActivitiesService, 'list' | 'count'>;
}

export function createAthleteLinkService(deps: Deps) {
  const repo = () => createAthleteLinkRepo(deps.db);
  const notify = (userId: string | null, dedupeKey: string, title: string, body: string, link: string) =>
    userId ? deps.notifications.notify({ userId, type: 'coach.update', dedupeKey, data: { title, body, link } }) : Promise.resolve();
  /** Someone who already has an account hears of a request in the app; nobody else learns whether they do. */
  async function tellAthlete(m: Member, link: AthleteLinkRow) {
    const requested = await repo().userIdByEmail(link.email);
    if (!requested) return;
    await deps.notifications.notify({
      userId: requested,
      type: 'coach.link_request',
      dedupeKey: `athlete-link:${link.id}`,
      data: { linkId: link.id, orgName: m.org.name.slice(0, 200) },
    });
  }

  /** The client's accepted link and its athlete, read on every call so a revocation counts at once. */
  async function sharingAthlete(m: Member, clientId: string) {
    await deps.clientOf(m, clientId);
    const live = await repo().liveOfClient(m.org.id, clientId);
    if (live?.link.status !== 'accepted' || !live.link.athleteUserId)
      throw new AppError(ErrorCode.NOT_FOUND, 'This client has not shared their training with you.');
    const user = await repo().athleteUser(live.link.athleteUserId);
    if (!user) throw new AppError(ErrorCode.NOT_FOUND, 'This client has not shared their training with you.');
    return { live, user };
  }

  return {
    /** The org's clients who share their training, for a coach's assistant to choose from (ADR 108). */
    async sharingClients(m: Member) {
      return (await repo().acceptedOfOrg(m.org.id)).map((r) => ({
        clientId: r.clientId,
        name: r.clientName,
        sharedSince: r.decidedAt?.toISOString() ?? null,
        wellnessShared: r.wellnessSharedAt !== null,
      }));
    },

    /** One client's athlete while they share their training (404 otherwise), and whether they share wellness. */
    async sharingAthlete(m: Member, clientId: string) {
      const { live, user } = await sharingAthlete(m, clientId);
      return { user, name: live.athleteName ?? user.displayName, wellnessShared: live.link.wellnessSharedAt !== null };
    },

    async linkOf(m: Member, clientId: string) {
      await deps.clientOf(m, clientId);
      const live = await repo().liveOfClient(m.org.id, clientId);
      return { link: live ? presentLink(live.link, live.athleteName) : null };
    },

    /** Ask the athlete behind `email` to share their training. Asking the same address again answers with the open request. */
    async request(m: Member, clientId: string, rawEmail: string) {
      await deps.clientOf(m, clientId);
      const email = rawEmail.trim();
      const r = repo();
      const live = await r.liveOfClient(m.org.id, clientId);
      if (live?.link.status === 'accepted')
        throw new AppError(
          ErrorCode.CONFLICT,
          'This client already shares their training with you. Unlink them first to ask another account.',
        );
      if (live && live.link.email.toLowerCase() !== email.toLowerCase())
        throw new AppError(ErrorCode.CONFLICT, 'A request to another address is still waiting. Cancel it first.');
      if (live) {
        // The same request again: told again under the same key, so the athlete still hears of it once (and
        // does if the first notice was lost after its commit).
        await tellAthlete(m, live.link);
        return { link: presentLink(live.link), created: false };
      }
      const created = await r.request(m.org.id, clientId, email, m.actor.id);
      // Another tab asked (or the athlete answered) between the two statements: say so rather than guess.
      if (!created) throw new AppError(ErrorCode.CONFLICT, 'This client’s link changed just now. Please reload and try again.');
      await deps.audit.record({
        actor: m.actor,
        action: 'client.athlete_link_requested',
        target: { type: 'athlete_link', id: created.id },
        payload: { orgId: m.org.id, clientId },
      });
      await tellAthlete(m, created);
      return { link: presentLink(created), created: true };
    },

    /** Coach side: withdraw a waiting request or stop seeing an athlete's training. */
    async unlink(m: Member, clientId: string) {
      await deps.clientOf(m, clientId);
      const ended = await deps.db.transaction(async (tx) => {
        const r = createAthleteLinkRepo(tx);
        const row = await r.endForClient(m.org.id, clientId, deps.clock.now());
        if (!row) throw notFound('Link');
        if (row.status === 'revoked') await r.setClientAthlete(m.org.id, clientId, null);
        await deps.audit.record(
          {
            actor: m.actor,
            action: row.status === 'revoked' ? 'client.athlete_unlinked' : 'client.athlete_link_cancelled',
            target: { type: 'athlete_link', id: row.id },
            payload: { orgId: m.org.id, clientId },
          },
          tx,
        );
        return row;
      });
      if (ended.status === 'revoked')
        await notify(
          ended.athleteUserId,
          `athlete-link-ended:${ended.id}`,
          `${m.org.name} no longer sees your training`,
          'Your coach unlinked your account.',
          '/settings#coaches',
        );
    },

    /** The linked athlete's training as their coach may see it: 404 unless the athlete agreed. */
    async training(m: Member, clientId: string) {
      const { live, user } = await sharingAthlete(m, clientId);
      const a = athleteOf(user);
      const [timeline, weeks, recent, shared, all] = await Promise.all([
        deps.analytics.fitnessTimeline(a, TRAINING_DAYS, 'coach'),
        deps.analytics.weeks(a, TRAINING_WEEKS, 'coach'),
        deps.activities.list(user.id, 'coach', { limit: RECENT_ACTIVITIES }),
        deps.activities.count(user.id, 'coach'),
        deps.activities.count(user.id, 'owner'),
      ]);
      return {
        athlete: { name: user.displayName, sharedSince: live.link.decidedAt?.toISOString() ?? null },
        today: timeline.today,
        current: timeline.current,
        fitness: timeline.days.map((d) => ({ date: d.date, load: d.load, ctl: d.ctl, atl: d.atl, tsb: d.tsb })),
        weeks: weeks.map((w) => ({ weekStart: w.weekStart, ...w.total })),
        recent: recent.map((x) => ({
          id: x.id,
          name: x.name,
          sport: x.sport,
          date: x.localStartDate,
          distanceM: x.distanceM,
          movingTimeS: x.movingTimeS,
          source: x.source,
          device: x.extras.device ?? null,
        })),
        activityCount: shared,
        /** Activities the athlete sees but the data-use policy keeps from others (Strava's). */
        notShared: Math.max(0, all - shared),
      };
    },

    /**
     * One of the linked athlete's activities analysed from its streams, built only from what others may see:
     * another athlete's activity, or one from a source whose terms keep it to its owner (Strava's), is not found.
     */
    async activityStreams(m: Member, clientId: string, activityId: string) {
      const { user } = await sharingAthlete(m, clientId);
      const view = await deps.analytics.activityStreams(athleteOf(user), activityId, 'coach');
      if (!view) throw notFound('Activity');
      return view;
    },

    /** The signed-in athlete's requests waiting for an answer and the coaches they share with. */
    async linksFor(user: { id: string; email: string }) {
      const rows = await repo().forAthlete(user.id, user.email);
      return rows.map((r) => ({
        id: r.id,
        status: r.status as 'pending' | 'accepted',
        orgName: r.orgName,
        requestedBy: r.requestedBy,
        createdAt: r.createdAt.toISOString(),
        decidedAt: r.decidedAt?.toISOString() ?? null,
        planEdit: r.planEditGrantedAt !== null,
        wellness: r.wellnessSharedAt !== null,
      }));
    },

    async accept(actor: Actor, user: { id: string; email: string; displayName: string }, id: string) {
      const row = await deps.db.transaction(async (tx) => {
        const r = createAthleteLinkRepo(tx);
        let accepted: AthleteLinkRow | undefined;
        try {
          accepted = await r.decide(user.email, id, 'accepted', user.id, deps.clock.now());
        } catch (err) {
          // One athlete, one client per org: a second client of the same coach cannot take them.
          if (isUniqueViolation(err)) throw new AppError(ErrorCode.CONFLICT, 'You already share your training with this coach.');
          throw err;
        }
        if (!accepted) throw notFound('Request');
        await r.setClientAthlete(accepted.orgId, accepted.clientId, user.id);
        await deps.audit.record(
          {
            actor,
            action: 'athlete_link.accepted',
            target: { type: 'athlete_link', id },
            payload: { orgId: accepted.orgId, clientId: accepted.clientId },
          },
          tx,
        );
        return accepted;
      });
      await notify(
        row.requestedBy,
        `athlete-link-accepted:${row.id}`,
        `${user.displayName} shared their training with you`,
        'Their fitness, volume and recent activities are on their client page.',
        `/coach/clients/${row.clientId}`,
      );
      return { linkId: row.id };
    },

    async decline(actor: Actor, user: { id: string; email: string }, id: string) {
      const row = await repo().decide(user.email, id, 'declined', user.id, deps.clock.now());
      if (!row) throw notFound('Request');
      await deps.audit.record({
        actor,
        action: 'athlete_link.declined',
        target: { type: 'athlete_link', id },
        payload: { orgId: row.orgId },
      });
    },

    /** Athlete side: stop sharing; the coach loses the view at once. */
    async revoke(actor: Actor, user: { id: string; displayName: string }, id: string) {
      const row = await deps.db.transaction(async (tx) => {
        const r = createAthleteLinkRepo(tx);
        const ended = await r.revokeByAthlete(user.id, id, deps.clock.now());
        if (!ended) throw notFound('Link');
        await r.setClientAthlete(ended.orgId, ended.clientId, null);
        await deps.audit.record(
          {
            actor,
            action: 'athlete_link.revoked',
            target: { type: 'athlete_link', id },
            payload: { orgId: ended.orgId, clientId: ended.clientId },
          },
          tx,
        );
        return ended;
      });
      await notify(
        row.requestedBy,
        `athlete-link-ended:${row.id}`,
        `${user.displayName} stopped sharing their training`,
        'Their client page no longer shows it.',
        `/coach/clients/${row.clientId}`,
      );
    },
  };
}

export type AthleteLinkService = ReturnType<typeof createAthleteLinkService>;
