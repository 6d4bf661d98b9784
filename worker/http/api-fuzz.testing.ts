// The API fuzz test's world and its per-operation exceptions: valid bodies the generic example cannot
// build, refused or skipped baselines, who calls each path, and the users and org whose ids the probes use.
import { env } from 'cloudflare:test';
import { parseEnv } from '../env';
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

export const FUZZ_GOAL = {
  kind: 'run_10k',
  eventDate: new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10),
  eventName: 'Fuzz 10K',
};
// Valid requests the generic example cannot build (cross-field rules), or must not send (global effects).
export const BODY_OVERRIDES: Record<string, Record<string, unknown>> = {
  // A dry run: the fuzz never purges audit history.
  'POST /api/v1/admin/audit/retention': { retentionDays: 365, dryRun: true },
  'POST /api/v1/analytics/thresholds': { kind: 'ftp', value: 250, effectiveFrom: '2025-01-01' },
  'POST /api/v1/membership/sync': { sessionId: 'cs_test_fuzz' },
  // A window needs a start and an end that differ (the generated example repeats one value).
  'PUT /api/v1/notifications/preferences': { emailMode: 'weekly', sendMinute: 480, dnd: [{ day: 1, start: 1320, end: 420 }] },
  // Distinct weekdays, the long day among them: a plan the rules can build.
  'POST /api/v1/plans/preview': { goal: FUZZ_GOAL, availableDays: [0, 2, 5, 6], longDay: 6, hoursPerWeek: 6, includeStrength: false },
  'POST /api/v1/plans': { goal: FUZZ_GOAL, availableDays: [0, 2, 5, 6], longDay: 6, hoursPerWeek: 6, includeStrength: false },
  // A step is timed, and the steps add up to the duration sent; a swap needs two different days.
  'PATCH /api/v1/plans/{planId}/workouts/{workoutId}': {
    title: 'Fuzz intervals',
    durationSec: 2400,
    steps: [{ kind: 'repeat', count: 10, steps: [{ kind: 'work', durationSec: 240, distanceM: null, target: null }] }],
  },
  // The coach's edit takes the athlete's edit body.
  'PATCH /api/v1/coach/clients/{id}/plan/workouts/{workoutId}': {
    title: 'Fuzz intervals',
    durationSec: 2400,
    steps: [{ kind: 'repeat', count: 10, steps: [{ kind: 'work', durationSec: 240, distanceM: null, target: null }] }],
  },
  'POST /api/v1/plans/{planId}/workouts': {
    date: '2026-12-01',
    sport: 'run',
    type: 'intervals',
    title: 'Fuzz intervals',
    durationSec: 2400,
    intensity: { metric: 'pace', zone: 4, low: 0.95, high: 1 },
    steps: [{ kind: 'work', durationSec: 2400, distanceM: null, target: { metric: 'pace', zone: 4, low: 0.95, high: 1 }, note: 'Fuzz' }],
  },
  'POST /api/v1/plans/{planId}/swap': { from: '2026-12-01', to: '2026-12-02' },
  // The long day among the available days; the event ahead; a return date only with a break.
  'PUT /api/v1/intake': {
    goal: FUZZ_GOAL,
    availableDays: [1, 3, 6],
    longDay: 6,
    hoursPerWeek: 5,
    injuries: 'Sore calf in spring',
    returningFromBreak: true,
    returnDate: '2025-01-06',
    runsPerWeek: 3,
    weeklyVolume: { unit: 'km', value: 25 },
    longestRun: { unit: 'min', value: 70 },
  },
  'PATCH /api/v1/coach/org': { name: 'Fuzz Coaching', quietHours: { start: '21:00', end: '07:00' }, reminderOffsetsMinutes: [120] },
  'POST /api/v1/coach/automations': {
    name: 'Fuzz',
    enabled: true,
    trigger: { kind: 'daily', time: '07:00' },
    action: { kind: 'task', title: 'Fuzz task', message: 'Note' },
    audience: { kind: 'coach' },
  },
  // Our subscription's id, so the event passes the subscription check and is stored.
  'POST /webhooks/strava': {
    object_type: 'activity',
    object_id: 1,
    aspect_type: 'update',
    updates: { title: 'Fuzz' },
    owner_id: 900_000_001,
    subscription_id: parseEnv(env).STRAVA_SUBSCRIPTION_ID ?? 1,
    event_time: 1_800_000_000,
  },
  'PATCH /api/v1/coach/automations/{id}': {
    name: 'Fuzz',
    enabled: true,
    trigger: { kind: 'daily', time: '07:00' },
    action: { kind: 'task', title: 'Fuzz task', message: 'Note' },
    audience: { kind: 'coach' },
  },
};
export const QUERY_OVERRIDES: Record<string, Record<string, string>> = {
  'GET /api/v1/coach/bookings': { from: new Date().toISOString(), to: new Date(Date.now() + 7 * 86_400_000).toISOString() },
  // A made-up cursor is refused (400): the search's first page is the valid request.
  'GET /api/v1/admin/users': { q: 'fuzz', role: 'athlete', limit: '5' },
  // Type or category, not both (the generated example names both); a made-up cursor is refused, so none.
  'GET /api/v1/notifications': { category: 'coach', unread: 'true', limit: '20' },
  'POST /api/v1/notifications/read-all': { category: 'coach' },
  // A range ends after it starts (the generated example gives both the same number).
  'GET /api/v1/activities/{id}/streams/range': { from: '0', to: '30' },
  'GET /api/v1/coach/clients/{id}/activities/{activityId}/streams/range': { from: '0', to: '30' },
};
/** Operations whose valid request is never sent (malformed input only), and why. */
export const NO_BASELINE: Record<string, string> = {
  'GET /mcp':
    'the stateless MCP endpoint has no stream to open: the SDK answers 405 (in the error shape), which the malformed probes check',
  'DELETE /mcp':
    'the stateless MCP endpoint has no session to end: the SDK answers 405 (in the error shape), which the malformed probes check',
  'PUT /api/v1/admin/ingestion/pause': 'it would pause all ingestion for every test running meanwhile',
  'GET /api/v1/connections/strava/callback':
    'it would connect Strava and pull a history from the run’s one Strava sandbox (strava.connect.integration.test.ts connects for real)',
  'GET /api/v1/connections/{provider}/callback':
    'a valid callback needs the Garmin sandbox’s consent round trip, whose pings the Garmin tests take from its outbox (file-doors.integration.test.ts connects for real)',
};
/** Query parameters of plain router routes, which the document cannot describe. */
export const PLAIN_ROUTE_QUERIES: Record<string, Record<string, string>> = {
  'GET /api/v1/coach/pnl.csv': { month: '2026-10', currency: 'usd' },
};
/** Operations that end or use up the state other probes rely on run after all the rest. */
export const FINISHING = /\/(complete|cancel|no-show|done|revoke|decline|accept|read|release|split|logout|logout-all)$/;

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
