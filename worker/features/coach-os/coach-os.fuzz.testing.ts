// The API fuzz test's targets for coach-os's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { coachTasks } from '../../db/schema';
import { sandbox } from './sms/sms-testing';
import { addDays } from '../../lib/dates';
import { uniqueEmail } from '../../testing/harness';
import { type TargetSpec, type Kit, REASON } from '../../http/api-fuzz-kit.testing';
import { LIBRARY_WORKOUT } from '../library/library.fuzz.testing';

/** A workout of the shared org's library. */
const orgWorkout = (k: Kit) => k.coachApi<{ id: string }>('/library/workouts', LIBRARY_WORKOUT);
/** A Monday from which a template lands inside a fuzz plan (its plan starts today and runs weeks ahead). */
const nextMonday = (today: string) => addDays(today, 7 - ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));

export const fuzzTargets: Record<string, TargetSpec> = {
  // The org's library and templates (ADR 058), on the shared org (Team).
  'POST /api/v1/coach/library/workouts': { make: async () => ({ body: LIBRARY_WORKOUT }) },
  'PATCH /api/v1/coach/library/workouts/{workoutId}': {
    make: async (k) => ({ params: { workoutId: (await orgWorkout(k)).id }, body: { title: 'Fuzz renamed' } }),
  },
  'DELETE /api/v1/coach/library/workouts/{workoutId}': {
    consumes: true,
    make: async (k) => ({ params: { workoutId: (await orgWorkout(k)).id } }),
  },
  'POST /api/v1/coach/library/workouts/{workoutId}/duplicate': { make: async (k) => ({ params: { workoutId: (await orgWorkout(k)).id } }) },
  'POST /api/v1/coach/templates': {
    make: async (k) => ({
      body: { name: 'Fuzz block', weeks: 1, items: [{ week: 1, weekday: 3, libraryWorkoutId: (await orgWorkout(k)).id }] },
    }),
  },
  'POST /api/v1/coach/templates/{templateId}/apply': {
    make: async (k) => {
      const c = await k.coachedAthlete();
      const t = await k.coachApi<{ id: string }>('/templates', {
        name: 'Fuzz block',
        weeks: 1,
        items: [{ week: 1, weekday: 3, libraryWorkoutId: (await orgWorkout(k)).id }],
      });
      return { params: { templateId: t.id }, body: { clients: [{ clientId: c.clientId, startDate: nextMonday(c.today) }] } };
    },
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts': {
    make: async (k) => {
      const c = await k.coachedAthlete();
      return {
        params: { id: c.clientId },
        body: { libraryWorkoutId: (await orgWorkout(k)).id, date: addDays(c.today, 2), reason: REASON },
      };
    },
  },
  'DELETE /api/v1/coach/clients/{id}/plan/workouts/{workoutId}': {
    consumes: true,
    make: async (k) => {
      const c = await k.coachedAthlete();
      return { params: { id: c.clientId, workoutId: c.open[0]!.id }, body: { reason: REASON } };
    },
  },
  'POST /webhooks/twilio/sms': {
    make: async () => {
      const signed = await sandbox.inbound('+15550100001', 'Y');
      return {
        body: new URLSearchParams(signed.params).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://api.twilio.com',
          'x-twilio-signature': signed.signature,
        },
      };
    },
  },

  // The coach's edits of a client's plan: each on an athlete of its own (the hourly limits are per athlete).
  'PATCH /api/v1/coach/clients/{id}/plan/workouts/{workoutId}': {
    make: async (k) => {
      const c = await k.coachedAthlete();
      return { params: { id: c.clientId, workoutId: c.open[0]!.id } };
    },
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/move': {
    make: async (k) => {
      const c = await k.coachedAthlete();
      const x = c.open[0]!;
      return { params: { id: c.clientId, workoutId: x.id }, body: { date: addDays(x.date, 1), reason: REASON } };
    },
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/skip': {
    consumes: true,
    make: async (k) => {
      const c = await k.coachedAthlete();
      return { params: { id: c.clientId, workoutId: c.open[0]!.id } };
    },
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/restore': {
    consumes: true,
    make: async (k) => {
      const c = await k.coachedAthlete();
      const x = c.open[0]!;
      await k.coachApi(`/clients/${c.clientId}/plan/workouts/${x.id}/skip`, { reason: REASON });
      return { params: { id: c.clientId, workoutId: x.id } };
    },
  },
  'POST /api/v1/coach/clients/{id}/plan/changes/{changeId}/undo': {
    consumes: true,
    make: async (k) => {
      const c = await k.coachedAthlete();
      const change = await k.coachApi<{ id: string }>(`/clients/${c.clientId}/plan/workouts/${c.open[0]!.id}/skip`, { reason: REASON });
      return { params: { id: c.clientId, changeId: change.id } };
    },
  },
  // A coached athlete's adaptive changes (issue 58): an illness they noted waits for the coach.
  'GET /api/v1/coach/clients/{id}/plan/adaptations': { make: async (k) => ({ params: { id: (await awaitingCoach(k)).clientId } }) },
  'POST /api/v1/coach/clients/{id}/plan/adaptations/{adaptationId}/approve': {
    consumes: true,
    make: async (k) => {
      const c = await awaitingCoach(k);
      return { params: { id: c.clientId, adaptationId: c.adaptationId }, body: {} };
    },
  },
  'POST /api/v1/coach/clients/{id}/plan/adaptations/{adaptationId}/refuse': {
    consumes: true,
    make: async (k) => {
      const c = await awaitingCoach(k);
      return { params: { id: c.clientId, adaptationId: c.adaptationId } };
    },
  },
  // Coaching links from the athlete's side, each its own link.
  'POST /api/v1/me/coach-links/{id}/accept': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      return { cookie: p.cookie, params: { id: (await k.linkRequest(p.email)).linkId } };
    },
  },
  'POST /api/v1/me/coach-links/{id}/decline': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      return { cookie: p.cookie, params: { id: (await k.linkRequest(p.email)).linkId } };
    },
  },
  'POST /api/v1/me/coach-links/{id}/revoke': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      return { cookie: p.cookie, params: { id: (await k.acceptedLink(p)).linkId } };
    },
  },
  'DELETE /api/v1/me/coach-links/{id}/plan-edit': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const { linkId } = await k.acceptedLink(p);
      await k.ok(`/api/v1/me/coach-links/${linkId}/plan-edit`, { method: 'PUT', cookie: p.cookie });
      return { cookie: p.cookie, params: { id: linkId } };
    },
  },
  'DELETE /api/v1/me/coach-links/{id}/wellness-share': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const { linkId } = await k.acceptedLink(p);
      await k.ok(`/api/v1/me/coach-links/${linkId}/wellness-share`, { method: 'PUT', cookie: p.cookie });
      return { cookie: p.cookie, params: { id: linkId } };
    },
  },

  // The coach's side.
  'POST /api/v1/coach/org': { consumes: true, make: async (k) => ({ cookie: (await k.person('coach')).cookie }) },
  'POST /api/v1/coach/clients/{id}/athlete-link': {
    make: async (k) => ({ params: { id: (await k.coachApi<{ id: string }>('/clients', { name: 'Fuzz Link Client' })).id } }),
  },
  'DELETE /api/v1/coach/clients/{id}/athlete-link': {
    consumes: true,
    make: async (k) => ({ params: { id: (await k.linkRequest(uniqueEmail('fuzz-linked'))).clientId } }),
  },
  'POST /api/v1/me/org-invites/{id}/accept': {
    consumes: true,
    make: async (k) => {
      const c = await k.invitedCoach();
      return { cookie: c.cookie, params: { id: c.inviteId } };
    },
  },
  'POST /api/v1/me/org-invites/{id}/decline': {
    consumes: true,
    make: async (k) => {
      const c = await k.invitedCoach();
      return { cookie: c.cookie, params: { id: c.inviteId } };
    },
  },
  'DELETE /api/v1/coach/team/members/{userId}': {
    consumes: true,
    make: async (k) => {
      const c = await k.invitedCoach();
      await k.ok(`/api/v1/me/org-invites/${c.inviteId}/accept`, { method: 'POST', cookie: c.cookie });
      return { cookie: c.ownerCookie, params: { userId: c.id } };
    },
  },
  'DELETE /api/v1/coach/team/invites/{id}': {
    consumes: true,
    make: async (k) => {
      const c = await k.invitedCoach();
      return { cookie: c.ownerCookie, params: { id: c.inviteId } };
    },
  },
  'DELETE /api/v1/coach/automations/{id}': {
    consumes: true,
    make: async (k) => ({ params: { id: (await k.coachApi<{ id: string }>('/automations', AUTOMATION)).id } }),
  },
  'DELETE /api/v1/coach/money-events/{id}': {
    consumes: true,
    make: async (k) => ({
      params: {
        id: (
          await k.coachApi<{ id: string }>('/money-events', {
            kind: 'expense',
            amountCents: 100,
            currency: 'usd',
            occurredOn: '2026-10-01',
            category: 'rent',
          })
        ).id,
      },
    }),
  },
  'POST /api/v1/coach/bookings/{id}/cancel': { consumes: true, make: async (k) => ({ params: { id: await booking(k, 20) } }) },
  'POST /api/v1/coach/bookings/{id}/complete': { consumes: true, make: async (k) => ({ params: { id: await booking(k, 21) } }) },
  // A no-show is of a session that has begun.
  'POST /api/v1/coach/bookings/{id}/no-show': { consumes: true, make: async (k) => ({ params: { id: await booking(k, -1) } }) },
  'POST /api/v1/coach/clients/{id}/sessions/release': {
    make: async (k) => {
      const used = await k.coachApi<{ ledgerId: string }>(`/clients/${k.w.clientId}/sessions/use`, {
        idempotencyKey: `fuzz-${crypto.randomUUID()}`,
      });
      return { body: { ledgerId: used.ledgerId } };
    },
  },
  'POST /api/v1/coach/tasks/{id}/done': {
    consumes: true,
    make: async (k) => {
      const [t] = await k.h.db
        .insert(coachTasks)
        .values({ orgId: k.w.orgId, title: 'Fuzz task', key: `fuzz:${crypto.randomUUID()}` })
        .returning({ id: coachTasks.id });
      return { params: { id: t!.id } };
    },
  },
};

// Each booking an hour of its own (the coach's bookings may not overlap).
let slot = 0;

async function booking(k: Kit, daysAhead: number) {
  slot += 1;
  const made = await k.coachApi<{ id: string }>('/bookings', {
    clientId: k.w.clientId,
    startsAt: new Date(Date.now() + daysAhead * 86_400_000 + slot * 3_600_000).toISOString(),
    durationMinutes: 30,
  });
  return made.id;
}

const AUTOMATION = {
  name: 'Fuzz',
  enabled: true,
  trigger: { kind: 'daily', time: '07:00' },
  action: { kind: 'task', title: 'Fuzz task', message: 'Note' },
  audience: { kind: 'coach' },
};

/** A coached athlete's illness noted ahead: its change awaits the coach. */
async function awaitingCoach(k: Kit) {
  const c = await k.coachedAthlete();
  const r = await k.ok<{ proposals: { id: string; status: string }[] }>(`/api/v1/plans/${c.plan.id}/health-notes`, {
    cookie: c.cookie,
    body: { kind: 'illness', from: addDays(c.today, 3), to: addDays(c.today, 4) },
  });
  return { clientId: c.clientId, adaptationId: r.proposals.find((p) => p.status === 'awaiting_coach')!.id };
}
