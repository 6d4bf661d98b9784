// The calendar's rows ride on the session lookup (ADR 093): the answer is the one the calendar's own statement
// gives, in any time zone (the lookup fetched them before the zone was known); a request acting as someone else
// shows that person's calendar; a malformed range is still the route's 400, after authentication.
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createHttpDb } from '../../../db/client';
import type { StatementExecutor } from '../../../db/executor';
import { users } from '../../../db/schema';
import { parseEnv } from '../../../env';
import { addDays, localDayRange, mondayOf, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import type { Body } from '../../../testing/bodies';
import { buildActivity } from '../../../testing/factories/activity';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { athleteWithHistory } from '../../../testing/scenarios';
import { athleteOf } from '../../analytics';
import { cookieSettingsFor, createSessionsService, readSessionCookie } from '../../auth';
import { impersonating } from '../../impersonation/impersonation.testing';
import { MATCH_PADDING_DAYS } from './calendar.calc';
import { presentCalendar } from './calendar.present';
import type { TrainingCalendarView } from './calendar.schema';
import { createTrainingCalendar } from './calendar.service';

type View = Body<typeof TrainingCalendarView>;
const activityIds = (v: View) => v.days.flatMap((d) => d.items.flatMap((x) => (x.activity ? [x.activity.id] : [])));

describe('the calendar read with the session', () => {
  it('takes its rows from the session lookup over HTTP: the read after it sends no statement, and answers the same', async () => {
    const h = Harness.init();
    const athlete = await athleteWithHistory(h, { history: [{ daysAgo: 1, source: 'garmin_export' }] });
    const config = parseEnv(env);
    const http = createHttpDb(config);
    const { analytics, clock } = analyticsWorld(h.db);
    let statements = 0;
    const counted = {
      execute: (...args: Parameters<StatementExecutor['execute']>) => {
        statements++;
        return http.execute(...args);
      },
    } as StatementExecutor;
    const calendar = createTrainingCalendar({ db: counted, clock, analytics });
    const to = todayIn('UTC', new Date());
    const from = addDays(to, -6);
    const sessions = createSessionsService({ db: h.db, clock, lookupDb: http, riders: () => [calendar.rider(from, to)] });
    const token = readSessionCookie(athlete.cookie, cookieSettingsFor(config.APP_ENV))!;
    expect(await sessions.authenticate(token, null)).not.toBeNull();
    const user = athleteOf((await h.userById(athlete.user.id))!);
    const rode = await calendar.read(user, from, to);
    expect(statements).toBe(0);
    expect(rode.days.flatMap((d) => d.items.map((x) => x.activity?.id))).toContain(athlete.activityIds[0]);
    expect(await calendar.read(user, from, to)).toEqual(rode);
    expect(statements).toBe(1);
  });

  it('answers as its own statement does, at the edges of a far zone’s window', async () => {
    const h = Harness.init();
    const { activities, analytics, clock } = analyticsWorld(h.db);
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const athlete = await athleteWithHistory(h);
      await h.db.update(users).set({ timeZone: zone }).where(eq(users.id, athlete.user.id));
      const from = addDays(mondayOf(todayIn(zone, new Date())), -7);
      const to = addDays(from, 6);
      // Just inside and just outside the zone's padded window, inside the range, and each side of the range's edges.
      const first = localDayRange(addDays(from, -MATCH_PADDING_DAYS), zone).start;
      const last = localDayRange(addDays(to, MATCH_PADDING_DAYS), zone).end;
      const local = (d: Date) => todayIn(zone, d);
      const instants = [
        new Date(first.getTime() - 60_000),
        new Date(first.getTime() + 60_000),
        localDayRange(from, zone).start,
        new Date(localDayRange(to, zone).end.getTime() - 60_000),
        new Date(last.getTime() - 60_000),
        new Date(last.getTime() + 60_000),
      ];
      for (const [i, startTime] of instants.entries())
        await activities.ingest(
          athlete.user.id,
          buildActivity({ startTime, localStartDate: local(startTime), timezone: zone, name: `Edge ${i}`, source: 'garmin_export' }),
        );
      const res = await h.json<View>(`/api/v1/calendar?from=${from}&to=${to}`, { cookie: athlete.cookie });
      expect(res.status).toBe(200);
      const user = (await h.userById(athlete.user.id))!;
      const own = createTrainingCalendar({ db: h.db, clock, analytics });
      const expected = JSON.parse(JSON.stringify(presentCalendar(await own.read(athleteOf(user), from, to))));
      expect(res.body).toEqual(expected);
      // The range's own days show the two activities inside it, whatever the lookup fetched around them.
      expect(activityIds(res.body)).toHaveLength(2);
    }
  });

  it('shows the impersonated athlete’s calendar, not the operator’s', async () => {
    const h = Harness.init();
    const { target, owner, both } = await impersonating(h);
    const { activities } = analyticsWorld(h.db);
    const day = addDays(todayIn('UTC', new Date()), -1);
    const at = { startTime: new Date(`${day}T07:00:00Z`), localStartDate: day, timezone: 'UTC', source: 'garmin_export' as const };
    const theirs = await activities.ingest(target.id, buildActivity({ ...at, name: 'Athlete run' }));
    await activities.ingest(owner.id, buildActivity({ ...at, name: 'Operator run' }));
    const res = await h.json<View>(`/api/v1/calendar?from=${day}&to=${day}`, { cookie: both });
    expect(res.status).toBe(200);
    expect(activityIds(res.body)).toEqual([theirs.id]);
  });

  it('authenticates before it validates: no session is a 401, a bad range with one a 400', async () => {
    const h = Harness.init();
    const athlete = await athleteWithHistory(h);
    const bad = '/api/v1/calendar?from=2026-03-10&to=2026-03-01';
    const anonymous = await h.json(bad);
    expect(anonymous.status).toBe(401);
    expectErrorShape(anonymous.body, 'UNAUTHENTICATED');
    const invalid = await h.json(bad, { cookie: athlete.cookie });
    expect(invalid.status).toBe(400);
    expectErrorShape(invalid.body, 'VALIDATION');
  });
});
