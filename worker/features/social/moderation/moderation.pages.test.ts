// The moderation pages: the console's queue (the moderation permission) acts through its form with a reason, and
// the athlete's notices page shows the reason and takes the one appeal, refused to an impersonation.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { impCookieFrom } from '../../impersonation/impersonation.testing';
import { ADMIN, athlete, commentBy, hiddenOf, postBy, REPORTS } from './moderation.testing';

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe('moderation pages', () => {
  it('the queue page shows a report and hides the post through its form; the author appeals on their page', async () => {
    const h = Harness.init();
    const author = await athlete(h, 'public', 'Ada Author');
    const reporter = await athlete(h);
    const mod = await h.userWithRole('admin', ['moderation']);
    const postId = await postBy(h, author.id, 'public', 'Cheap watches here');
    expect(
      (
        await h.json(REPORTS, {
          cookie: reporter.cookie,
          body: { targetKind: 'post', targetId: postId, reason: 'spam', note: 'An advert' },
        })
      ).status,
    ).toBe(201);

    expect((await h.call('/admin/moderation', { cookie: (await h.userWithRole('admin', ['users.read'])).cookie })).status).toBe(403);
    const page = await (await h.call('/admin/moderation', { cookie: mod.cookie })).text();
    expect(page).toContain('Cheap watches here');
    // The reason in the words the reporter chose it by, and a link to open what was reported.
    expect(page).toContain('Spam or advertising: “An advert”');
    expect(page).not.toContain('spam: “An advert”');
    expect(page).toContain(`href="/posts/${postId}"`);
    expect(page).toContain('href="/admin/moderation"');

    const act = { intent: 'act', kind: 'hide', targetKind: 'post', targetId: postId };
    const noReason = await h.call('/admin/moderation', { cookie: mod.cookie, body: form({ ...act, reason: '' }) });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Give a reason');
    expect((await hiddenOf(h, postId)).at).toBeNull();
    const hidden = await h.call('/admin/moderation', { cookie: mod.cookie, body: form({ ...act, reason: 'Advertising' }) });
    expect(hidden.status).toBe(200);
    expect(await hidden.text()).toContain('Hidden; the author was told why.');
    expect(await hiddenOf(h, postId)).toMatchObject({ reason: 'Advertising' });

    // The author's page: the reason, and the appeal form — refused to an impersonating owner, sent by the author once.
    const notices = await (await h.call('/settings/social/moderation', { cookie: author.cookie })).text();
    expect(notices).toContain('Reason: Advertising');
    expect(notices).toContain('Send the appeal');
    const [{ id: actionId }] = (await h.json<{ notices: { id: string }[] }>('/api/v1/social/moderation/notices', { cookie: author.cookie }))
      .body.notices as [{ id: string }];
    const owner = await h.userWithRole('owner');
    const imp = await h.call('/api/v1/admin/impersonation', {
      cookie: owner.cookie,
      body: { userId: author.id, reason: 'Moderation page test' },
    });
    expect(imp.status).toBe(201);
    const both = `${owner.cookie}; ${impCookieFrom(imp)}`;
    const refused = await h.call('/settings/social/moderation', {
      cookie: both,
      body: form({ intent: 'appeal', actionId, text: 'Not me' }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('while impersonating');
    const sent = await h.call('/settings/social/moderation', {
      cookie: author.cookie,
      body: form({ intent: 'appeal', actionId, text: 'It was a club sale' }),
    });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Your appeal is sent');

    const decided = await h.call('/admin/moderation', {
      cookie: mod.cookie,
      body: form({ intent: 'decide', actionId, decision: 'overturned', reason: 'Club sales are fine' }),
    });
    expect(decided.status).toBe(200);
    expect(await hiddenOf(h, postId)).toEqual({ at: null, reason: null });
    expect(await (await h.call(`${ADMIN}/appeals`, { cookie: mod.cookie })).text()).toContain('Club sales are fine');
  });

  it('a reported comment shows its reason in words and links to the comment on its post', async () => {
    const h = Harness.init();
    const author = await athlete(h, 'public', 'Cal Commenter');
    const reporter = await athlete(h);
    const mod = await h.userWithRole('admin', ['moderation']);
    const postId = await postBy(h, reporter.id, 'public', 'Sunday long run');
    const commentId = await commentBy(h, author.id, postId, 'You are slow');
    const reported = await h.json(REPORTS, {
      cookie: reporter.cookie,
      body: { targetKind: 'comment', targetId: commentId, reason: 'harassment' },
    });
    expect(reported.status).toBe(201);
    const page = await (await h.call('/admin/moderation', { cookie: mod.cookie })).text();
    expect(page).toContain('Harassment or bullying');
    expect(page).not.toMatch(/>harassment[ ·]/);
    expect(page).toContain(`href="/posts/${postId}#comment-${commentId}"`);
    // The link lands on the comment: the post's page marks each comment with that id.
    expect(await (await h.call(`/posts/${postId}`, { cookie: mod.cookie })).text()).toContain(`id="comment-${commentId}"`);
  });

  it('an admin without the moderation permission is offered no way to the queue, and a direct visit is 403', async () => {
    const h = Harness.init();
    const admin = await h.userWithRole('admin', ['users.read', 'ops.read', 'audit.read', 'invites.manage']);
    const home = await h.call('/admin', { cookie: admin.cookie });
    const landing = home.headers.get('location');
    expect(landing).toBeTruthy();
    expect(landing).not.toContain('/admin/moderation');
    for (const path of [
      landing!,
      '/admin/athletes',
      '/admin/privacy',
      '/admin/audit',
      '/admin/invites',
      '/admin/metrics',
      '/home',
      '/notifications',
    ]) {
      const res = await h.call(path, { cookie: admin.cookie });
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toContain('/admin/moderation');
    }
    const direct = await h.call('/admin/moderation', { cookie: admin.cookie });
    expect(direct.status).toBe(403);
    expect(await direct.text()).not.toContain('href="/admin/moderation"');
  });
});
