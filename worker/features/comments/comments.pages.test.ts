// The conversations on the pages, where escaping is the point (ADR 056): a comment full of markup renders as
// text under the athlete's activity, on the coach's page and in the notification inbox, never as markup; the
// coach's page for a Strava activity says why it cannot be opened, and another org's client is the 404 page.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { addDays, localParts, todayIn } from '../../lib/dates';
import { formatDay } from '../../lib/format';
import { analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import { Harness } from '../../testing/harness';
import { coachOrg } from '../../testing/scenarios';
import { inboxOfType } from '../notifications/triggers.testing';
import type { AthleteThreads } from './comments.schema';
import { firstPlannedWorkout } from './comments.testing';

const HOSTILE = '<script>alert("pwned")</script><img src=x onerror=alert(1)> & "quotes"';
const yesterday = () => addDays(todayIn('UTC', new Date()), -1);
const run = (o: Parameters<typeof buildActivity>[0]) =>
  buildActivity({ startTime: new Date(`${yesterday()}T07:00:00Z`), localStartDate: yesterday(), timezone: 'UTC', ...o });

describe('comments on the pages', () => {
  it('render markup as text for both sides and in the inbox; a Strava activity shows the reason to the coach', async () => {
    const h = Harness.init();
    const athlete = await h.signup({ displayName: 'Pat Pages' });
    const w = analyticsWorld(h.db);
    const file = await w.activities.ingest(athlete.user.id, run({ source: 'fit_upload', name: 'Hill reps' }));
    const strava = await w.activities.ingest(athlete.user.id, run({ source: 'strava', name: 'Strava ride', externalId: 'sv-p1' }));
    const org = await coachOrg(h, { name: 'Pages Coaching' });
    const client = await org.addClient('Pat');
    await org.linkAthlete(client.id, athlete);
    const posted = await h.json(`/api/v1/comments/activities/${file.id}`, {
      cookie: athlete.cookie,
      body: { orgId: org.org.id, body: HOSTILE },
    });
    expect(posted.status).toBe(201);
    await org.api(`/clients/${client.id}/activities/${file.id}/comments`, { body: { body: `Coach says ${HOSTILE}` } });

    const page = async (path: string, cookie: string) => {
      const res = await h.call(path, { cookie });
      return { status: res.status, html: await res.text() };
    };
    const escaped = (html: string) => {
      expect(html).not.toContain('<script>alert("pwned")');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(');
    };

    const mine = await page(`/activities/${file.id}`, athlete.cookie);
    expect(mine.status).toBe(200);
    expect(mine.html).toContain('Conversation with your coach');
    expect(mine.html).toContain('With Pages Coaching');
    escaped(mine.html);

    const coachPage = await page(`/coach/clients/${client.id}/activities/${file.id}`, org.coach.cookie);
    expect(coachPage.status).toBe(200);
    expect(coachPage.html).toContain('Hill reps');
    escaped(coachPage.html);

    const refused = await page(`/coach/clients/${client.id}/activities/${strava.id}`, org.coach.cookie);
    expect(refused.status).toBe(200);
    expect(refused.html).toContain('You cannot open or comment on this activity');
    expect(refused.html).toMatch(/Strava, whose terms let only the athlete see it/);
    expect(refused.html).not.toContain('Strava ride');

    const other = await coachOrg(h, { name: 'Elsewhere' });
    expect((await page(`/coach/clients/${client.id}/activities/${file.id}`, other.coach.cookie)).status).toBe(404);

    await inboxOfType(h, athlete.cookie, 'comment.posted');
    const inboxPage = await page('/notifications', athlete.cookie);
    expect(inboxPage.status).toBe(200);
    escaped(inboxPage.html);
  });

  it("shows a workout drawer's comment times in the athlete's zone, not the browser's", async () => {
    const h = Harness.init();
    const athlete = await h.signup({ displayName: 'Zoe Zone' });
    // UTC+14: every time, and most dates, differ from the UTC a server (or a browser elsewhere) would use.
    const zone = 'Pacific/Kiritimati';
    await h.db.update(users).set({ timeZone: zone }).where(eq(users.id, athlete.user.id));
    const org = await coachOrg(h, { name: 'Zone Coaching' });
    const client = await org.addClient('Zoe');
    await org.linkAthlete(client.id, athlete);
    const w = await firstPlannedWorkout(h, athlete.cookie, todayIn(zone, new Date()), 'Zone 10K');
    const posted = await org.api(`/clients/${client.id}/plan/workouts/${w.id}/comments`, { body: { body: 'Run this one by feel.' } });
    expect(posted.status).toBe(201);
    const threads = (await h.json<AthleteThreads>(`/api/v1/comments/workouts/${w.id}`, { cookie: athlete.cookie })).body;
    const at = new Date(threads.threads[0]!.comments[0]!.createdAt);
    const written = (tz: string) => {
      const l = localParts(at, tz);
      return `${formatDay(l.date)}, ${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
    };

    // The notice's link opens the drawer at its conversation, loaded with the page.
    const html = await (await h.call(`/training?view=week&date=${w.date}&workout=${w.id}`, { cookie: athlete.cookie })).text();
    expect(html).toContain('Conversation with your coach');
    expect(html).toContain('Run this one by feel.');
    expect(html).toContain(written(zone));
    expect(html).not.toContain(written('UTC'));
  });
});
