// The coach's dashboard through the API: one org's linked athletes sorted by who needs attention, with
// only what the data-use policy lets a coach see; another org's athletes never appear; staff see what the
// owner sees; an athlete who was only asked appears without any training detail. And its cost: the same
// fixed number of queries for a handful of athletes and for thirty.
import { drizzle } from 'drizzle-orm/neon-serverless';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createDb } from '../../../db/client';
import * as schema from '../../../db/schema';
import { athleteLinks, clients, plannedWorkouts, plans } from '../../../db/schema';
import { addDays, todayIn } from '../../../lib/dates';
import { createLogger } from '../../../lib/logger';
import { analyticsWorld, insertAthlete } from '../../../testing/analytics';
import type { Body } from '../../../testing/bodies';
import { buildActivity } from '../../../testing/factories/activity';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { athleteWithHistory, coachOrg } from '../../../testing/scenarios';
import { createServices } from '../../../wiring';
import type { CoachDashboard } from './dashboard.schema';

type Dashboard = Body<typeof CoachDashboard>;

const today = () => todayIn('UTC', new Date());
/** A history entry of athleteWithHistory: a run `daysAgo` days back (07:00 UTC), from a watch file unless said. */
const run = (daysAgo: number, overrides: Parameters<typeof buildActivity>[0] = {}) => ({
  daysAgo,
  source: 'garmin_export' as const,
  ...overrides,
});
/** The same run as an ActivityInput, for ingesting directly. */
const runInput = (daysAgo: number) => {
  const day = addDays(today(), -daysAgo);
  return buildActivity({ source: 'garmin_export', startTime: new Date(`${day}T07:00:00Z`), localStartDate: day, timezone: 'UTC' });
};

/** A plan the athlete makes through the API, plus workouts inserted on past days, as an older plan would have. */
async function planWithPast(h: Harness, athlete: { user: { id: string }; cookie: string }, pastDays: number[]) {
  const made = await h.json<{ id: string }>('/api/v1/plans', {
    cookie: athlete.cookie,
    body: {
      goal: { kind: 'run_10k', eventDate: addDays(today(), 60), eventName: 'Dashboard 10K' },
      startDate: today(),
      availableDays: [0, 1, 2, 3, 4, 5, 6],
      longDay: 6,
      hoursPerWeek: 5,
    },
  });
  if (made.status !== 201) throw new Error(`plan: ${made.status} ${JSON.stringify(made.body)}`);
  for (const d of pastDays)
    await h.db.insert(plannedWorkouts).values({
      planId: made.body.id,
      userId: athlete.user.id,
      date: addDays(today(), -d),
      sport: 'run',
      type: 'easy',
      title: `Easy run ${d} days ago`,
      durationSec: 2700,
      phase: 'base',
      week: 1,
    });
  return made.body.id;
}

/** Queries a dashboard read runs, counted on a pool of its own. */
async function queriesOf(h: Harness, member: Awaited<ReturnType<Awaited<ReturnType<typeof coachOrg>>['member']>>) {
  const handle = createDb(h.env, createLogger('error'));
  onTestFinished(() => handle.close());
  let n = 0;
  const db = drizzle({ client: handle.db.$client, schema, logger: { logQuery: () => void n++ } });
  const services = createServices(h.env, {
    requestId: null,
    logger: createLogger('error'),
    waitUntil: () => {},
    db: { db, close: async () => {} },
  });
  const dashboard = await services.coachDashboard.forMember(member);
  return { queries: n, dashboard };
}

describe('the coach’s dashboard', () => {
  it('lists the org’s linked athletes by who needs attention, to owner and staff alike, and nobody else’s', async () => {
    const h = Harness.init();
    const [a, b] = await Promise.all([
      coachOrg(h, { name: 'Alpha Coaching', timeZone: 'America/Denver', staff: 1 }),
      coachOrg(h, { name: 'Bravo Coaching', timeZone: 'Europe/Berlin' }),
    ]);

    // Mia missed two workouts and had one moved by her coach; her last shared run was yesterday (today's is Strava's).
    const mia = await athleteWithHistory(h, {
      displayName: 'Mia Athlete',
      history: [run(1, { name: 'Shakeout from the watch' }), run(9), run(0, { source: 'strava', name: 'Strava-only jog' })],
    });
    // Rory piled on two-hour sessions all week after eight weeks of a weekly run: a steep ramp and deep fatigue.
    const twoHours = { movingTimeS: 7200, elapsedTimeS: 7300, distanceM: 22_000 };
    const rory = await athleteWithHistory(h, {
      displayName: 'Rory Athlete',
      history: [63, 56, 49, 42, 35, 28, 21, 14, 7, 6, 5, 4, 3, 2, 1].map((d) => run(d, d <= 7 ? twoHours : {})),
    });
    // Cal did the same week but it is all the history there is: fitness is being established, nothing to flag.
    const cal = await athleteWithHistory(h, { displayName: 'Cal Athlete', history: [1, 2, 3, 4, 5, 6, 7].map((d) => run(d, twoHours)) });
    const bea = await athleteWithHistory(h, { displayName: 'Bea Athlete', history: [run(2, { name: 'Bravo secret run' })] });

    const [miaClient, roryClient, calClient, patClient, noraClient] = await Promise.all([
      a.addClient('Mia Client'),
      a.addClient('Rory Client'),
      a.addClient('Cal Client'),
      a.addClient('Pat Client'),
      a.addClient('Nora Client'),
    ]);
    const miaLink = await a.linkAthlete(miaClient.id, mia);
    await a.linkAthlete(roryClient.id, rory);
    await a.linkAthlete(calClient.id, cal);
    // Pat was asked and has not answered; Nora was never asked.
    await a.requestAthleteLink(patClient.id, `pat-${crypto.randomUUID().slice(0, 8)}@example.test`);
    const beaClient = await b.addClient('Bea Client');
    await b.linkAthlete(beaClient.id, bea);

    await planWithPast(h, mia, [2, 3]);
    expect((await h.json(`/api/v1/me/coach-links/${miaLink.id}/plan-edit`, { method: 'PUT', cookie: mia.cookie })).status).toBe(200);
    const coming = await a.api<{ workouts: { id: string; date: string; sport: string }[] }>(
      `/clients/${miaClient.id}/plan/calendar?from=${addDays(today(), 1)}&to=${addDays(today(), 6)}`,
    );
    const next = coming.body.workouts.find((x) => x.sport !== 'rest')!;
    const moved = await a.api(`/clients/${miaClient.id}/plan/workouts/${next.id}/move`, { body: { date: addDays(next.date, 1) } });
    expect(moved.status).toBe(200);

    const owner = await a.api<Dashboard>('/dashboard');
    expect(owner.status).toBe(200);
    const d = owner.body;
    expect(d.athletes.map((x) => x.name)).toEqual(['Rory Client', 'Mia Client', 'Cal Client', 'Pat Client']);
    const [rRow, mRow, cRow, pRow] = d.athletes;
    expect(rRow!.attention).toMatchObject({ level: 'high', reasons: [{ kind: 'deep_fatigue' }, { kind: 'ramp' }] });
    expect(rRow!.form).toMatchObject({ rampWarning: true });
    expect(mRow).toMatchObject({
      clientId: miaClient.id,
      athleteName: 'Mia Athlete',
      sharing: 'shared',
      planEdit: true,
      week: { hasPlan: true, missed: 2, moved: 1, done: { count: 0 } },
      // The data-use policy: today's Strava jog is hers alone; her coach sees yesterday's watch file.
      lastActivity: { name: 'Shakeout from the watch', date: addDays(today(), -1), daysAgo: 1 },
      attention: {
        level: 'high',
        reasons: [
          { kind: 'missed', points: 60, text: 'Missed 2 workouts in the last 7 days' },
          { kind: 'moved', points: 5, text: 'Moved 1 workout in the last 7 days' },
        ],
      },
    });
    expect(mRow!.week!.planned.count).toBeGreaterThan(0);
    expect(JSON.stringify(d)).not.toContain('Strava-only jog');
    expect(cRow).toMatchObject({ planEdit: false, week: { hasPlan: false, missed: 0, activities: { count: expect.any(Number) } } });
    expect(cRow!.attention).toEqual({ score: 0, level: 'ok', reasons: [] });
    expect(cRow!.form).toMatchObject({ form: null, rampWarning: false, establishing: { daysMore: 48 } });
    expect(rRow!.form).toMatchObject({ form: 'overreaching', establishing: null });
    // Asked, not shared: listed last, with no training detail at all.
    expect(pRow).toMatchObject({
      clientId: patClient.id,
      sharing: 'asked',
      athleteName: null,
      week: null,
      form: null,
      lastActivity: null,
      attention: { level: 'waiting', reasons: [] },
    });
    expect(d.notAsked).toBe(1);
    expect(d.athletes.some((x) => x.clientId === noraClient.id)).toBe(false);

    // Staff coach the same clients: the same dashboard.
    const staff = await h.json<Dashboard>('/api/v1/coach/dashboard', { cookie: a.staff[0]!.cookie });
    expect(staff.status).toBe(200);
    expect(staff.body).toEqual(d);

    // Tenancy: neither org sees the other's athletes.
    expect(JSON.stringify(d)).not.toContain('Bea');
    const bravo = (await b.api<Dashboard>('/dashboard')).body;
    expect(bravo.athletes.map((x) => x.clientId)).toEqual([beaClient.id]);
    expect(bravo.athletes[0]!.lastActivity).toMatchObject({ name: 'Bravo secret run' });
    for (const secret of ['Mia', 'Rory', 'Cal', 'Pat', 'Shakeout']) expect(JSON.stringify(bravo)).not.toContain(secret);
    // Not a coach of any org: no dashboard to reveal.
    const outsider = await h.json('/api/v1/coach/dashboard', { cookie: mia.cookie });
    expect(outsider.status).toBe(404);
    expectErrorShape(outsider.body, 'NOT_FOUND');

    // The cost: a fixed number of statements, the same for four rows as for thirty-one.
    const member = await a.member();
    const small = await queriesOf(h, member);
    expect(small.dashboard.athletes).toHaveLength(4);
    const w = analyticsWorld(h.db);
    for (let i = 0; i < 27; i++) {
      const athlete = await insertAthlete(h.db, { timeZone: i % 2 ? 'Pacific/Auckland' : 'America/Denver' });
      const [client] = await h.db
        .insert(clients)
        .values({ orgId: a.org.id, name: `Bulk ${String(i).padStart(2, '0')}` })
        .returning({ id: clients.id });
      await h.db.insert(athleteLinks).values({
        orgId: a.org.id,
        clientId: client!.id,
        email: `bulk-${i}@example.test`,
        status: 'accepted',
        athleteUserId: athlete.id,
        decidedAt: new Date(),
      });
      await w.activities.ingest(athlete.id, runInput(i % 10));
      if (i % 3 === 0) {
        const [plan] = await h.db
          .insert(plans)
          .values({
            userId: athlete.id,
            goalKind: 'run_10k',
            startDate: addDays(today(), -7),
            endDate: addDays(today(), 30),
            inputs: {},
            weeks: [],
            rules: {},
          })
          .returning({ id: plans.id });
        await h.db.insert(plannedWorkouts).values(
          [-3, -1, 1].map((d) => ({
            planId: plan!.id,
            userId: athlete.id,
            date: addDays(today(), d),
            sport: 'run',
            type: 'easy',
            title: 'Easy',
            durationSec: 3000,
            phase: 'base',
            week: 1,
          })),
        );
      }
    }
    const large = await queriesOf(h, member);
    expect(large.dashboard.athletes).toHaveLength(31);
    expect(large.queries).toBe(small.queries);
    // clients+links, daily loads, latest activities, active plans, activities of the days, workouts, moves, and the
    // data policy's mode (read once for the whole unit of work, ADR 036).
    expect(large.queries).toBe(8);
  });
});
