// The API fuzz test's world: who calls each path, and the users and org whose ids the probes use. The
// per-operation exceptions (bodies, queries, skipped baselines) are in api-fuzz-overrides.testing.ts.
import type { Body } from '../testing/bodies';
import { importJobs, notifications } from '../db/schema';
import { athleteOf } from '../features/analytics';
import { input, noChat, proposalWorld, threeActions } from '../features/ai-coach/proposals/proposals.testing';
import { rows } from '../features/plans/control/plans-control.testing';
import type { Plan } from '../features/plans/plans.schema';
import { addDays, todayIn } from '../lib/dates';
import { analyticsWorld } from '../testing/analytics';
import { buildActivity } from '../testing/factories/activity';
import type { Call, Harness } from '../testing/harness';
import { giveTeam, giveTier, type Booking, type Client, type GivenPackage, type Org, type PackageType } from '../testing/scenarios';
import type { Automation } from '../features/coach-os/automations/automations.schema';
import type { MoneyEvent } from '../features/coach-os/payments/payments.schema';
import type { Invite } from '../features/coach-os/team/team.schema';
import { BODY_OVERRIDES } from './api-fuzz-overrides.testing';

export type Who = 'anonymous' | 'athlete' | 'coach' | 'newCoach' | 'owner';
export const whoFor = (path: string): Who =>
  path.startsWith('/api/v1/me/org-invites')
    ? 'newCoach'
    : /^\/api\/v1\/ai-coach\//.test(path)
      ? 'athlete'
      : path.startsWith('/api/v1/admin')
        ? 'owner'
        : path.startsWith('/api/v1/coach')
          ? 'coach'
          : path.startsWith('/api/v1/auth') || path.startsWith('/webhooks') || path.startsWith('/api/docs') || path === '/api/openapi.json'
            ? 'anonymous'
            : 'athlete';

/** Users of each role; the coach owns an org with one of everything a path id can name, the athlete a plan and its history. */
export async function world(h: Harness) {
  const [athlete, coach, newCoach, owner] = await Promise.all([
    h.signup(),
    h.userWithRole('coach'),
    h.userWithRole('coach'),
    h.userWithRole('owner'),
  ]);
  const made = async <T>(path: string, body: unknown) => {
    const r = await h.json<T>(`/api/v1/coach${path}`, { body, cookie: coach.cookie });
    if (r.status !== 201) throw new Error(`setup ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const mine = async <T>(path: string, init: Call = {}) => {
    const r = await h.json<T>(path, { cookie: athlete.cookie, ...init });
    if (r.status >= 300) throw new Error(`setup ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const org = await made<Org>('/org', { name: 'Fuzz Coaching', timeZone: 'America/Denver' });
  // On Team, so its gated operations reach their validation (free coaching's 403s are the gating matrix's).
  await giveTeam(h, org.id, coach.id);
  const client = await made<Client>('/clients', { name: 'Fuzz Client' });
  const type = await made<PackageType>('/package-types', {
    name: 'Fuzz Pack',
    sessions: 100,
    sessionMinutes: 60,
    priceCents: 1000,
    currency: 'usd',
  });
  await made<GivenPackage>(`/clients/${client.id}/packages`, { packageTypeId: type.id });
  const booking = await made<Booking>('/bookings', {
    clientId: client.id,
    startsAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    durationMinutes: 60,
  });
  const automation = await made<Body<typeof Automation>>('/automations', BODY_OVERRIDES['POST /api/v1/coach/automations']);
  const money = await made<Body<typeof MoneyEvent>>('/money-events', {
    kind: 'expense',
    amountCents: 100,
    currency: 'usd',
    occurredOn: '2026-10-01',
    category: 'rent',
  });
  const invite = (
    await made<{ invite: Body<typeof Invite> }>('/team/invites', { email: `fuzz-${crypto.randomUUID().slice(0, 8)}@example.test` })
  ).invite;
  // The org's Stripe customer, so its re-sync has one to read.
  await h.json('/api/v1/coach/billing/checkout', { body: { interval: 'month' }, cookie: coach.cookie });

  // The athlete: on Pro (the exports), a plan and a change to it, an activity, an import, a conversation,
  // a proposal, a notification, a threshold, a calendar feed, a checkout started, and the client's link.
  await giveTier(h, athlete.user.id, 'pro');
  const plan = await mine<Body<typeof Plan>>('/api/v1/plans', { body: BODY_OVERRIDES['POST /api/v1/plans'] });
  const user = (await h.userById(athlete.user.id))!;
  const a = athleteOf(user);
  const today = todayIn(a.timeZone, new Date());
  const open = (await rows(h, plan.id)).filter((r) => r.date > today && r.durationSec > 0 && !r.skipped);
  // Proposals name the first workouts; the probes edit one further on.
  const workout = open[6]!;
  // A minute of streams, so the activity's streams and a range of them have something to answer.
  const minute = Array.from({ length: 60 }, (_, i) => i);
  const activity = await analyticsWorld(h.db).activities.ingest(
    athlete.user.id,
    buildActivity({ source: 'fit_upload', detailComplete: true, streams: { t: minute, hr: minute.map((i) => 120 + i) } }),
  );
  const [imported] = await h.db
    .insert(importJobs)
    .values({
      userId: athlete.user.id,
      filename: 'run.gpx',
      objectKey: `fuzz/${crypto.randomUUID()}`,
      sizeBytes: 100,
      status: 'done',
      found: 1,
      imported: 1,
    })
    .returning({ id: importJobs.id });
  const conversation = await mine<{ conversation: { id: string } }>('/api/v1/ai-coach/conversations', { body: { title: 'Fuzz' } });
  const proposal = await proposalWorld(h).proposals.propose(a, input(threeActions(open)), noChat);
  const [notification] = await h.db
    .insert(notifications)
    .values({
      userId: athlete.user.id,
      dedupeKey: `fuzz:${crypto.randomUUID()}`,
      kind: 'coach.update',
      category: 'coach',
      title: 'Fuzz',
      data: { title: 'Fuzz', body: 'Fuzz', link: '/settings' },
    })
    .returning({ id: notifications.id });
  const threshold = await mine<{ id: string }>('/api/v1/analytics/thresholds', {
    body: { kind: 'lthr', value: 170, effectiveFrom: '2025-02-01' },
  });
  const feed = await mine<{ url: string }>('/api/v1/plans/feed', { method: 'POST' });
  await mine('/api/v1/membership/checkout', { body: { tier: 'pro', interval: 'month' } });
  const checkout = await mine<{ url: string }>('/api/v1/membership/checkout', { body: { tier: 'elite', interval: 'month' } });
  const link = (await made<{ link: { id: string } }>(`/clients/${client.id}/athlete-link`, { email: athlete.email })).link;
  await mine(`/api/v1/me/coach-links/${link.id}/accept`, { method: 'POST' });
  await mine(`/api/v1/me/coach-links/${link.id}/plan-edit`, { method: 'PUT' });

  const cookies: Record<Who, string | null> = {
    anonymous: null,
    athlete: athlete.cookie,
    coach: coach.cookie,
    newCoach: newCoach.cookie,
    owner: owner.cookie,
  };
  // The id a path names, by the collection it follows; anything else is an id nobody has.
  const ids: Record<string, string> = {
    clients: client.id,
    bookings: booking.id,
    automations: automation.id,
    'money-events': money.id,
    invites: invite.id,
    'package-types': type.id,
    // Not an id: a plan's week number (/plans/{planId}/weeks/{week}/adjust).
    weeks: '1',
    plans: plan.id,
    workouts: workout.id,
    activities: activity.id,
    imports: imported!.id,
    conversations: conversation.conversation.id,
    proposals: proposal.id,
    notifications: notification!.id,
    thresholds: threshold.id,
    'calendar-feed': feed.url.split('/').pop()!,
    'coach-links': link.id,
    athletes: athlete.user.id,
    users: athlete.user.id,
    orgs: org.id,
  };
  // Body fields naming one of them.
  // An invite with uses to spare, so registrations get past it to the fields being probed.
  const hints = {
    clientId: client.id,
    packageTypeId: type.id,
    coachId: coach.id,
    activityId: activity.id,
    ids: [notification!.id],
    inviteCode: await h.createInvite({ maxUses: 10_000 }),
  };
  // Valid bodies that name the world's own things.
  const bodies: Record<string, unknown> = {
    'POST /api/v1/membership/sync': { sessionId: /cs_[A-Za-z0-9_]+/.exec(checkout.url)?.[0] ?? '' },
    'POST /api/v1/plans/{planId}/workouts/{workoutId}/move': { date: addDays(workout.date, 1), reason: 'Fuzz' },
  };
  return {
    cookies,
    ids,
    hints,
    bodies,
    people: {
      athlete: { id: athlete.user.id, email: athlete.email, cookie: athlete.cookie },
      coach: { id: coach.id, cookie: coach.cookie },
      owner: { id: owner.id, cookie: owner.cookie },
      orgId: org.id,
      clientId: client.id,
      packageTypeId: type.id,
    },
  };
}
