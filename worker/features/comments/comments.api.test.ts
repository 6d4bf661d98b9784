// The conversations on training over HTTP, both roles (ADR 056): the athlete and their linked coach talk on
// an activity and a planned workout; each side is notified and has its own unread count; edits close after
// the window; deletion leaves a placeholder; another org, an unlinked client or a revoked link is 404; a
// Strava activity has no conversation and both sides are told why; text is stored and answered as written.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { trainingComments } from '../../db/schema';
import { addDays, todayIn } from '../../lib/dates';
import { analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import { expectErrorShape, Harness } from '../../testing/harness';
import { coachOrg } from '../../testing/scenarios';
import { inboxOfType } from '../notifications/triggers.testing';
import type { AthleteThreads, Comment, CoachThread } from './comments.schema';
import { firstPlannedWorkout } from './comments.testing';

const yesterday = () => addDays(todayIn('UTC', new Date()), -1);
const run = (overrides: Parameters<typeof buildActivity>[0]) =>
  buildActivity({ startTime: new Date(`${yesterday()}T07:00:00Z`), localStartDate: yesterday(), timezone: 'UTC', ...overrides });
type Answer = { comment: Comment };

async function world(h: Harness) {
  const athlete = await h.signup({ displayName: 'Ada Athlete' });
  const w = analyticsWorld(h.db);
  const file = await w.activities.ingest(athlete.user.id, run({ source: 'fit_upload', name: 'Track 6×800' }));
  const strava = await w.activities.ingest(athlete.user.id, run({ source: 'strava', name: 'Strava jog', externalId: 'sv-c1' }));
  const org = await coachOrg(h, { name: 'Talk Coaching' });
  const client = await org.addClient('Ada Client');
  const link = await org.linkAthlete(client.id, athlete);
  const mine = (path: string, init: { method?: string; body?: unknown } = {}) =>
    h.json(`/api/v1/comments${path}`, { ...init, cookie: athlete.cookie });
  const coachPath = (activityId: string) => `/clients/${client.id}/activities/${activityId}/comments`;
  return { athlete, file, strava, org, client, link, mine, coachPath };
}

describe('conversations on training', () => {
  it('athlete and coach talk on an activity: both notified, unread per side, read marks, text kept as written', async () => {
    const h = Harness.init();
    const { athlete, file, org, client, mine, coachPath } = await world(h);
    const orgId = org.org.id;

    const empty = await mine(`/activities/${file.id}`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      subject: { kind: 'activity', id: file.id, title: 'Track 6×800' },
      notShared: null,
      threads: [{ orgId, orgName: 'Talk Coaching', unread: 0, canPost: true, comments: [] }],
    });

    // Text is stored and answered exactly as written: markup is the pages' and emails' to escape.
    const hostile = '<script>alert("x")</script> & <b>bold</b>\nsecond line';
    const posted = await mine(`/activities/${file.id}`, { body: { orgId, body: hostile } });
    expect(posted.status).toBe(201);
    const first = (posted.body as Answer).comment;
    expect(first).toMatchObject({ body: hostile, mine: true, deleted: false, author: { role: 'athlete', name: 'Ada Athlete' } });
    expect(first.editableUntil).not.toBeNull();

    // The coach sees it unread, and hears of it; the notice carries the words verbatim for its renderers to escape.
    const coachThread = await org.api<CoachThread>(coachPath(file.id));
    expect(coachThread.status).toBe(200);
    expect(coachThread.body.thread).toMatchObject({ unread: 1, comments: [{ id: first.id, body: hostile, mine: false }] });
    const [toCoach] = await inboxOfType(h, org.coach.cookie, 'comment.posted');
    expect(toCoach!.link).toBe(`/coach/clients/${client.id}/activities/${file.id}#comments`);
    expect(toCoach!.data).toMatchObject({ excerpt: hostile, authorName: 'Ada Athlete', subjectTitle: 'Track 6×800' });

    // The coach answers: the athlete is notified and has one unread; the coach's own count is back to 0.
    const reply = await org.api<Answer>(coachPath(file.id), { body: { body: 'Great pacing. Keep rep 4 honest next time.' } });
    expect(reply.status).toBe(201);
    expect(reply.body.comment.author.role).toBe('coach');
    expect((await org.api<CoachThread>(coachPath(file.id))).body.thread.unread).toBe(0);
    const [toAthlete] = await inboxOfType(h, athlete.cookie, 'comment.posted');
    expect(toAthlete!.link).toBe(`/activities/${file.id}#comments`);
    const threads = (await mine(`/activities/${file.id}`)).body as AthleteThreads;
    expect(threads.threads[0]!.unread).toBe(1);
    expect(threads.threads[0]!.comments.map((c) => c.body)).toEqual([hostile, 'Great pacing. Keep rep 4 honest next time.']);

    const read = await mine(`/activities/${file.id}/read`, { body: { orgId } });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ unread: 0 });
    expect(((await mine(`/activities/${file.id}`)).body as AthleteThreads).threads[0]!.unread).toBe(0);
    // The coach's read mark is theirs: marking read on one side leaves the other's count alone.
    await mine(`/activities/${file.id}`, { body: { orgId, body: 'Will do.' } });
    expect((await org.api<CoachThread>(coachPath(file.id))).body.thread.unread).toBe(1);
    expect((await org.api(`${coachPath(file.id)}/read`, { method: 'POST' })).body).toEqual({ unread: 0 });

    // Bad input is 400 through FreeText: empty, too long, a NUL, unknown keys.
    for (const body of [
      { orgId, body: '   ' },
      { orgId, body: 'x'.repeat(2001) },
      { orgId, body: 'a\u0000b' },
      { orgId, body: 'ok', extra: 1 },
    ]) {
      const bad = await mine(`/activities/${file.id}`, { body });
      expect(bad.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expectErrorShape(bad.body, 'VALIDATION');
    }
  });

  it('edits within 15 minutes only, deletes leave a placeholder, and only the author may do either', async () => {
    const h = Harness.init();
    const { file, org, client, mine, coachPath } = await world(h);
    const orgId = org.org.id;
    const a = ((await mine(`/activities/${file.id}`, { body: { orgId, body: 'Felt flat' } })).body as Answer).comment;
    const c = (await org.api<Answer>(coachPath(file.id), { body: { body: 'Sleep?' } })).body.comment;

    const edited = await mine(`/${a.id}`, { method: 'PATCH', body: { body: 'Felt flat after rep 3' } });
    expect(edited.status).toBe(200);
    expect((edited.body as Answer).comment).toMatchObject({ body: 'Felt flat after rep 3', editedAt: expect.any(String) });
    // Someone else's comment: visible, so 403; a comment of another thread: 404.
    const notMine = await mine(`/${c.id}`, { method: 'PATCH', body: { body: 'Rewritten' } });
    expect(notMine.status).toBe(403);
    expect((await org.api(`/clients/${client.id}/comments/${a.id}`, { method: 'DELETE' })).status).toBe(403);

    // Sixteen minutes later the window has closed.
    await h.db
      .update(trainingComments)
      .set({ createdAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(trainingComments.id, a.id));
    const late = await mine(`/${a.id}`, { method: 'PATCH', body: { body: 'Too late' } });
    expect(late.status).toBe(409);
    expect((late.body as { error: { reason: string } }).error.reason).toBe('EDIT_WINDOW_CLOSED');
    const coachEdit = await org.api<Answer>(`/clients/${client.id}/comments/${c.id}`, {
      method: 'PATCH',
      body: { body: 'How did you sleep?' },
    });
    expect(coachEdit.status).toBe(200);

    // Deleting is allowed after the window; the thread keeps a placeholder in its place.
    const gone = await mine(`/${a.id}`, { method: 'DELETE' });
    expect(gone.status).toBe(200);
    expect((gone.body as Answer).comment).toMatchObject({ id: a.id, body: null, deleted: true, editableUntil: null });
    expect((await mine(`/${a.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await mine(`/${a.id}`, { method: 'PATCH', body: { body: 'Back' } })).status).toBe(409);
    const [row] = await h.db.select({ body: trainingComments.body }).from(trainingComments).where(eq(trainingComments.id, a.id));
    expect(row!.body).toBe('');
    const seen = (await org.api<CoachThread>(coachPath(file.id))).body.thread.comments;
    expect(seen.map((x) => [x.deleted, x.body])).toEqual([
      [true, null],
      [false, 'How did you sleep?'],
    ]);
  });

  it('another org, an unlinked client, a revoked link and another athlete get 404; Strava activities have no conversation', async () => {
    const h = Harness.init();
    const { athlete, file, strava, org, client, link, mine, coachPath } = await world(h);
    const other = await coachOrg(h, { name: 'Other Coaching' });
    const theirClient = await other.addClient('Not Ada');
    const stranger = await h.signup();
    const c = (await org.api<Answer>(coachPath(file.id), { body: { body: 'Hello' } })).body.comment;

    const expect404 = (r: { status: number; body: unknown }) => {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    };
    // Another org: with the real client id, or with its own client and Ada's activity or comment.
    expect404(await other.api(`/clients/${client.id}/activities/${file.id}/comments`));
    expect404(await other.api(`/clients/${theirClient.id}/activities/${file.id}/comments`));
    expect404(await other.api(`/clients/${theirClient.id}/activities/${file.id}/comments`, { body: { body: 'Hi' } }));
    expect404(await other.api(`/clients/${theirClient.id}/comments/${c.id}`, { method: 'PATCH', body: { body: 'Mine now' } }));
    // An unlinked client of the same org.
    const unlinked = await org.addClient('No link');
    expect404(await org.api(`/clients/${unlinked.id}/activities/${file.id}/comments`));
    // Another athlete: Ada's activity, her thread's comments and her workouts are nobody's to them.
    expect404(await h.json(`/api/v1/comments/activities/${file.id}`, { cookie: stranger.cookie }));
    expect404(await h.json(`/api/v1/comments/${c.id}`, { method: 'DELETE', cookie: stranger.cookie }));
    // Ada writing to an org she does not share with.
    expect404(await mine(`/activities/${file.id}`, { body: { orgId: other.org.id, body: 'Hi' } }));

    // Strava: the athlete is told why there is no conversation; the coach gets a 404 that says why.
    const own = (await mine(`/activities/${strava.id}`)).body as AthleteThreads;
    expect(own.threads).toEqual([]);
    expect(own.notShared).toMatch(/Strava/);
    const refused = await mine(`/activities/${strava.id}`, { body: { orgId: org.org.id, body: 'Look at this' } });
    expect(refused.status).toBe(403);
    const coachStrava = await org.api<{ error: { reason: string; message: string } }>(coachPath(strava.id));
    expect(coachStrava.status).toBe(404);
    expect(coachStrava.body.error).toMatchObject({ reason: 'SOURCE_NOT_SHARED', message: expect.stringMatching(/Strava/) });

    // The athlete revokes: the coach's thread, posts and edits are 404 at once; the athlete keeps her record.
    const revoked = await h.json(`/api/v1/me/coach-links/${link.id}/revoke`, { method: 'POST', cookie: athlete.cookie });
    expect(revoked.status).toBe(200);
    expect404(await org.api(coachPath(file.id)));
    expect404(await org.api(coachPath(file.id), { body: { body: 'Still there?' } }));
    expect404(await org.api(`/clients/${client.id}/comments/${c.id}`, { method: 'DELETE' }));
    expect(((await mine(`/activities/${file.id}`)).body as AthleteThreads).threads).toEqual([]);
  });

  it('a planned workout has its thread too, on both sides', async () => {
    const h = Harness.init();
    const { athlete, org, client, mine } = await world(h);
    const w = await firstPlannedWorkout(h, athlete.cookie, todayIn('UTC', new Date()), 'Comments 10K');
    const coachPath = `/clients/${client.id}/plan/workouts/${w.id}/comments`;
    const asked = await org.api<Answer>(coachPath, { body: { body: 'Run this one by feel.' } });
    expect(asked.status).toBe(201);
    const [notice] = await inboxOfType(h, athlete.cookie, 'comment.posted');
    expect(notice!.link).toMatch(new RegExp(`^/training\\?view=week&date=\\d{4}-\\d{2}-\\d{2}&workout=${w.id}#comments$`));
    const threads = (await mine(`/workouts/${w.id}`)).body as AthleteThreads;
    expect(threads).toMatchObject({
      subject: { kind: 'workout', title: w.title },
      threads: [{ unread: 1, comments: [{ body: 'Run this one by feel.' }] }],
    });
    expect((await mine(`/workouts/${w.id}`, { body: { orgId: org.org.id, body: 'OK!' } })).status).toBe(201);
    expect((await org.api<CoachThread>(coachPath)).body.thread).toMatchObject({ unread: 1, comments: [{}, { body: 'OK!' }] });
  });
});
