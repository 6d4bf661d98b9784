// The feed and a post's page as a browser without JavaScript uses them: a title and a comment with markup come
// back escaped, kudos and comments are form posts, a comment is deleted by its author, and a post the viewer may
// not see is a 404 page.
import { describe, expect, it } from 'vitest';
import type { Body } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import { athlete, follow, recordedRun } from './posts.testing';
import type { PostView } from './serializer.schema';

const XSS = '<script>alert("x")</script>';

describe('feed and post pages', () => {
  it('escape what people wrote, and take kudos and comments as forms', async () => {
    const h = Harness.init();
    const owner = await athlete(h, { profileVisibility: 'public' }, 'Owner <b>bold</b>');
    const fan = await athlete(h, null, 'Fan');
    const stranger = await athlete(h);
    await follow(h, fan.id, owner.id);
    const post = await h.json<Body<typeof PostView>>('/api/v1/social/posts', {
      cookie: owner.cookie,
      body: {
        title: `Tempo ${XSS}`,
        text: `Legs ${XSS}`,
        sport: 'run',
        durationS: 2400,
        distanceM: 8000,
        rpe: 6,
        date: '2026-11-20',
        visibility: 'followers',
      },
    });
    expect(post.status).toBe(201);
    const page = async (path: string, cookie: string) => h.call(path, { cookie });
    const form = (path: string, cookie: string, values: Record<string, string>) =>
      h.call(path, {
        method: 'POST',
        cookie,
        body: new URLSearchParams(values).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });

    const feed = await (await page('/feed', fan.cookie)).text();
    expect(feed).toContain('Tempo &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(feed).not.toContain(XSS);
    expect(feed).toContain('Owner &lt;b&gt;bold&lt;/b&gt;');
    expect(feed).toContain('8.0 km');
    expect(feed).toContain('felt 6/10'); // how hard it felt, which the author chose to share

    const path = `/posts/${post.body.id}`;
    expect((await form(path, fan.cookie, { intent: 'kudos' })).status).toBe(302);
    expect((await form(path, fan.cookie, { intent: 'comment', body: `Nice ${XSS}` })).status).toBe(302);
    const seen = await (await page(path, fan.cookie)).text();
    expect(seen).toContain('Kudos · <!-- -->1');
    expect(seen).toContain('Nice &lt;script&gt;');
    expect(seen).not.toContain(XSS);
    const commentId = /name="commentId" value="([0-9a-f-]{36})"/.exec(seen)?.[1];
    expect(commentId).toBeDefined();
    // A report from the page: the fan may report the post, not their own comment; the owner reports the comment.
    expect(seen).toContain('Report this post');
    expect(seen).not.toContain('Report this comment');
    const owners = await (await page(path, owner.cookie)).text();
    expect(owners).not.toContain('Report this post');
    const reported = await form(path, owner.cookie, { intent: 'report', targetKind: 'comment', targetId: commentId!, reason: 'spam' });
    expect(reported.status).toBe(200);
    expect(await reported.text()).toContain('Reported. A moderator will look at it');
    expect((await form(path, fan.cookie, { intent: 'delete-comment', commentId: commentId! })).status).toBe(302);
    expect(await (await page(path, fan.cookie)).text()).toContain('Comments (0)');

    expect((await page(path, stranger.cookie)).status).toBe(404);
  });
});

describe('share to your log, on the activity page', () => {
  it('a Strava API activity says why it cannot be shared; a file’s activity is shared by the form', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const strava = await recordedRun(h, a.id, { source: 'strava' });
    const html = await (await h.call(`/activities/${strava.id}`, { cookie: a.cookie })).text();
    expect(html).toContain('Share to your log');
    expect(html).toContain('came through the Strava API, whose terms let only you see it');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Share<\/button>/);
    const refused = await h.call(`/share-activity/${strava.id}`, {
      method: 'POST',
      cookie: a.cookie,
      body: new URLSearchParams({ title: 'Mine', visibility: 'public' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.headers.get('location')).toContain('share=PROVIDER_TERMS');

    const file = await recordedRun(h, a.id);
    // Each label names its own control: no id on the page twice (the card's heading is `share-title`).
    const form = await (await h.call(`/activities/${file.id}`, { cookie: a.cookie })).text();
    const ids = [...form.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(form).toMatch(/<label for="share-post-title"[^>]*>Title<\/label>/);
    const shared = await h.call(`/share-activity/${file.id}`, {
      method: 'POST',
      cookie: a.cookie,
      body: new URLSearchParams({ title: 'Hill reps', visibility: 'followers' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(shared.status).toBe(302);
    expect(shared.headers.get('location')).toMatch(/^\/posts\/[0-9a-f-]{36}$/);
    const page = await (await h.call(shared.headers.get('location')!, { cookie: a.cookie })).text();
    expect(page).toContain('Hill reps');
    expect(await (await h.call(`/activities/${file.id}`, { cookie: a.cookie })).text()).toContain('Shared to your log');
  });
});
