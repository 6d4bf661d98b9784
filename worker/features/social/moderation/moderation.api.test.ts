// Moderation end to end: a report reaches the queue, a moderator hides the post (audited with the reason, the
// target's reports closed), the author is told and appeals once, the moderator decides once; every illegal
// step is a 409. The moderation permission gates the console's routes.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moderationReports } from '../../../db/schema';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { inboxOfType } from '../../notifications/triggers.testing';
import { ADMIN, appealPath, athlete, commentBy, hiddenOf, moderationAudit, NOTICES, postBy, REPORTS } from './moderation.testing';

interface Notice {
  id: string;
  kind: string;
  reason: string;
  appealable: boolean;
  appeal: { text: string; decision: string | null } | null;
}
interface Group {
  targetKind: string;
  targetId: string;
  open: number;
  total: number;
  content: { title: string | null; hiddenAt: string | null };
  reports: { reason: string; note: string | null; status: string }[];
}

describe('report → queue → hide → notice → appeal → decision', () => {
  it('runs the whole state machine once, and refuses each illegal step with 409', async () => {
    const h = Harness.init();
    const author = await athlete(h, 'public', 'Ada Author');
    const reporter = await athlete(h);
    const other = await athlete(h);
    const mod = await h.userWithRole('admin', ['moderation']);
    const postId = await postBy(h, author.id);

    const first = await h.json<{ id: string; already: boolean; status: string }>(REPORTS, {
      cookie: reporter.cookie,
      body: { targetKind: 'post', targetId: postId, reason: 'spam', note: 'Links to a shop' },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'open', already: false });
    // The same reporter again: one row, the first report stands.
    const again = await h.json<{ id: string; already: boolean }>(REPORTS, {
      cookie: reporter.cookie,
      body: { targetKind: 'post', targetId: postId, reason: 'harassment' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, already: true });
    expect((await h.json(REPORTS, { cookie: other.cookie, body: { targetKind: 'post', targetId: postId, reason: 'hate' } })).status).toBe(
      201,
    );

    // The queue groups both reports under the post, with what the moderator must read.
    const queue = await h.json<{ groups: Group[] }>(`${ADMIN}/reports`, { cookie: mod.cookie });
    expect(queue.status).toBe(200);
    const group = queue.body.groups.find((g) => g.targetId === postId)!;
    expect(group).toMatchObject({ targetKind: 'post', open: 2, total: 2, content: { title: 'Easy 10K by the river', hiddenAt: null } });
    expect(group.reports.map((r) => r.reason)).toEqual(['spam', 'hate']);
    expect(group.reports[0]!.note).toBe('Links to a shop');

    // Hide: the post's columns, the reports closed, the audit row with the reason, in one go.
    const hide = await h.json<Notice & { reportsClosed: number }>(`${ADMIN}/actions`, {
      cookie: mod.cookie,
      body: { kind: 'hide', targetKind: 'post', targetId: postId, reason: 'Advertising is not allowed' },
    });
    expect(hide.status).toBe(201);
    expect(hide.body).toMatchObject({ kind: 'hide', reportsClosed: 2, appealable: true });
    expect(await hiddenOf(h, postId)).toMatchObject({ reason: 'Advertising is not allowed' });
    expect((await hiddenOf(h, postId)).at).not.toBeNull();
    const statuses = await h.db
      .select({ s: moderationReports.status })
      .from(moderationReports)
      .where(eq(moderationReports.targetId, postId));
    expect(statuses.map((r) => r.s)).toEqual(['actioned', 'actioned']);
    const audit = await moderationAudit(h, author.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'moderation.hide', actorId: mod.id });
    expect(audit[0]!.payload).toMatchObject({ reason: 'Advertising is not allowed', actionId: hide.body.id, targetId: postId });
    // Hiding twice, or dismissing reports already closed: 409, and nothing more is written.
    const twice = await h.json(`${ADMIN}/actions`, {
      cookie: mod.cookie,
      body: { kind: 'hide', targetKind: 'post', targetId: postId, reason: 'Again' },
    });
    expect(twice.status).toBe(409);
    expectErrorShape(twice.body, 'CONFLICT');
    const dismiss = await h.json(`${ADMIN}/actions`, {
      cookie: mod.cookie,
      body: { kind: 'dismiss', targetKind: 'post', targetId: postId, reason: 'Nothing open' },
    });
    expect(dismiss.status).toBe(409);
    expect(await moderationAudit(h, author.id)).toHaveLength(1);
    // A hidden post can no longer be reported by others (they cannot see it).
    const third = await athlete(h);
    expect((await h.json(REPORTS, { cookie: third.cookie, body: { targetKind: 'post', targetId: postId, reason: 'spam' } })).status).toBe(
      404,
    );

    // The author is told, with the reason, and reads the notice.
    const [told] = await inboxOfType(h, author.cookie, 'social.moderation');
    expect(told!.title).toBe('A moderator hid your post');
    expect(told!.body).toContain('Advertising is not allowed');
    const notices = await h.json<{ notices: Notice[] }>(NOTICES, { cookie: author.cookie });
    expect(notices.body.notices).toMatchObject([{ id: hide.body.id, kind: 'hide', reason: 'Advertising is not allowed', appeal: null }]);
    expect((await h.json<{ notices: Notice[] }>(NOTICES, { cookie: reporter.cookie })).body.notices).toEqual([]);

    // Deciding before an appeal: 409. Someone else's notice: 404. The author's appeal: once.
    const early = await h.json(`${ADMIN}/appeals/${hide.body.id}/decide`, {
      cookie: mod.cookie,
      body: { decision: 'upheld', reason: 'Too early' },
    });
    expect(early.status).toBe(409);
    expect((await h.json(appealPath(hide.body.id), { cookie: reporter.cookie, body: { text: 'Not mine' } })).status).toBe(404);
    const appeal = await h.json<Notice>(appealPath(hide.body.id), { cookie: author.cookie, body: { text: 'It was my club’s race page.' } });
    expect(appeal.status).toBe(200);
    expect(appeal.body).toMatchObject({ appealable: false, appeal: { text: 'It was my club’s race page.', decision: null } });
    const second = await h.json(appealPath(hide.body.id), { cookie: author.cookie, body: { text: 'Please' } });
    expect(second.status).toBe(409);
    expectErrorShape(second.body, 'CONFLICT');

    const appeals = await h.json<{ appeals: (Notice & { targetUser: { displayName: string } })[] }>(`${ADMIN}/appeals`, {
      cookie: mod.cookie,
    });
    expect(appeals.body.appeals.find((a) => a.id === hide.body.id)).toMatchObject({ targetUser: { displayName: 'Ada Author' } });

    // Overturned: the post is shown again, audited, the author told; a second decision is 409.
    const decided = await h.json<Notice>(`${ADMIN}/appeals/${hide.body.id}/decide`, {
      cookie: mod.cookie,
      body: { decision: 'overturned', reason: 'A club event page is fine' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.appeal).toMatchObject({ decision: 'overturned' });
    expect(await hiddenOf(h, postId)).toEqual({ at: null, reason: null });
    expect((await moderationAudit(h, author.id)).map((a) => a.action)).toEqual(['moderation.hide', 'moderation.appeal_overturned']);
    const decideAgain = await h.json(`${ADMIN}/appeals/${hide.body.id}/decide`, {
      cookie: mod.cookie,
      body: { decision: 'upheld', reason: 'Changed my mind' },
    });
    expect(decideAgain.status).toBe(409);
    const [, overturned] = await inboxOfType(h, author.cookie, 'social.moderation', 2);
    expect(overturned).toBeDefined();

    // A lift has nothing to appeal.
    const commentId = await commentBy(h, author.id, postId);
    await h.json(`${ADMIN}/actions`, {
      cookie: mod.cookie,
      body: { kind: 'hide', targetKind: 'comment', targetId: commentId, reason: 'Spam' },
    });
    const lift = await h.json<Notice>(`${ADMIN}/actions`, {
      cookie: mod.cookie,
      body: { kind: 'lift', targetKind: 'comment', targetId: commentId, reason: 'Hid the wrong one' },
    });
    expect(lift.status).toBe(201);
    expect(lift.body.appealable).toBe(false);
    expect((await h.json(appealPath(lift.body.id), { cookie: author.cookie, body: { text: 'Why' } })).status).toBe(409);
  });
});

describe('the moderation permission', () => {
  it('an athlete and an admin without it are refused every console route; with it, the queue opens', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const without = await h.userWithRole('admin', ['users.read', 'audit.read']);
    const granted = await h.userWithRole('admin', ['moderation']);
    for (const cookie of [a.cookie, without.cookie]) {
      const r = await h.json(`${ADMIN}/reports`, { cookie });
      expect(r.status).toBe(403);
      expectErrorShape(r.body, 'FORBIDDEN');
      const act = await h.json(`${ADMIN}/actions`, {
        cookie,
        body: { kind: 'warn', targetKind: 'profile', targetId: a.id, reason: 'Not allowed to' },
      });
      expect(act.status).toBe(403);
    }
    expect((await h.json(`${ADMIN}/reports`, { cookie: granted.cookie })).status).toBe(200);
    expect(await moderationAudit(h, a.id)).toEqual([]);
  });
});
