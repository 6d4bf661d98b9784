// The visibility matrix from outside: owner, follower, someone signed in, a follower the owner blocked, a
// muted followee and a signed-out visitor, against public / followers / private posts under a public and a
// private profile, on GET /posts/{id}, the feed and the comments list; and every field hidden by the profile or
// by the post, for everyone but the owner.
import { describe, expect, it } from 'vitest';
import type { Body } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import { athlete, block, follow, mute, recordedRun, type Settings } from './posts.testing';
import type { CommentList, FeedPage, PostView } from './serializer.schema';

type Post = Body<typeof PostView>;
const VIS = ['public', 'followers', 'private'] as const;
type Vis = (typeof VIS)[number];

async function world(h: Harness, profile: Settings) {
  const owner = await athlete(h, profile, 'Owner');
  const follower = await athlete(h, null, 'Follower');
  const stranger = await athlete(h, null, 'Stranger');
  const blocked = await athlete(h, null, 'Blocked');
  const muter = await athlete(h, null, 'Muter');
  await follow(h, follower.id, owner.id);
  await follow(h, blocked.id, owner.id);
  await block(h, owner.id, blocked.id);
  await follow(h, muter.id, owner.id);
  await mute(h, muter.id, owner.id);
  const posts = {} as Record<Vis, string>;
  for (const [i, v] of VIS.entries()) {
    const run = await recordedRun(h, owner.id, { startTime: new Date(Date.UTC(2026, 10, 10 + i, 7)) });
    const res = await h.json<Post>('/api/v1/social/posts', {
      cookie: owner.cookie,
      body: { activityId: run.id, title: `A ${v} run`, description: 'Felt easy', rpe: 4, visibility: v },
    });
    expect(res.status).toBe(201);
    posts[v] = res.body.id;
    // A comment by the owner on each, so the comments list has something to show or to withhold.
    expect(
      (await h.json(`/api/v1/social/posts/${res.body.id}/comments`, { cookie: owner.cookie, body: { body: 'Notes to self' } })).status,
    ).toBe(201);
  }
  return {
    owner,
    follower,
    stranger,
    blocked,
    muter,
    posts,
    viewers: { owner, follower, stranger, blocked, muter, anonymous: { id: null, cookie: null } },
  };
}

type Who = 'owner' | 'follower' | 'stranger' | 'blocked' | 'muter' | 'anonymous';
const WHO: Who[] = ['owner', 'follower', 'stranger', 'blocked', 'muter', 'anonymous'];

/** Who sees which post: the rules of ADR 083 written out, not computed by the code under test. */
function expected(profile: 'public-page' | 'public' | 'private', who: Who, v: Vis): boolean {
  if (who === 'owner') return true;
  if (who === 'blocked') return false;
  const cap = profile === 'private' && v === 'public' ? 'followers' : v;
  if (who === 'follower' || who === 'muter') return cap !== 'private';
  if (who === 'stranger') return cap === 'public';
  return cap === 'public' && profile === 'public-page';
}

const PROFILES: Record<'public-page' | 'public' | 'private', Settings> = {
  'public-page': { profileVisibility: 'public', publicPage: true },
  public: { profileVisibility: 'public', publicPage: false },
  private: { profileVisibility: 'private', publicPage: true },
};

describe('who sees a post', () => {
  for (const [name, profile] of Object.entries(PROFILES) as [keyof typeof PROFILES, Settings][])
    it(`${name} profile: GET /posts/{id}, the comments list and the feed follow the matrix`, async () => {
      const h = Harness.init();
      const w = await world(h, profile);
      const wrong: string[] = [];
      for (const who of WHO) {
        const { cookie } = w.viewers[who];
        for (const v of VIS) {
          const want = expected(name, who, v);
          const got = await h.json<Post>(`/api/v1/social/posts/${w.posts[v]}`, { cookie });
          if ((got.status === 200) !== want || (!want && got.status !== 404)) wrong.push(`${who} × ${v}: GET ${got.status}`);
          const comments = await h.json<Body<typeof CommentList>>(`/api/v1/social/posts/${w.posts[v]}/comments`, { cookie });
          if ((comments.status === 200) !== want) wrong.push(`${who} × ${v}: comments ${comments.status}`);
          if (want && comments.body.comments.length !== 1) wrong.push(`${who} × ${v}: ${comments.body.comments.length} comments`);
          const kudos = await h.call(`/api/v1/social/posts/${w.posts[v]}/kudos`, { cookie });
          if ((kudos.status === 200) !== want) wrong.push(`${who} × ${v}: kudos ${kudos.status}`);
        }
        if (who === 'anonymous') continue;
        const feed = await h.json<Body<typeof FeedPage>>('/api/v1/social/feed', { cookie });
        expect(feed.status).toBe(200);
        const inFeed = new Set(feed.body.days.flatMap((d) => d.posts.map((p) => p.id)));
        for (const v of VIS) {
          // The feed: own posts, and followees' (not muted) as the matrix allows; strangers follow no one.
          const want = who === 'owner' || (who === 'follower' && expected(name, who, v));
          if (inFeed.has(w.posts[v]) !== want) wrong.push(`${who} × ${v}: feed ${inFeed.has(w.posts[v])}`);
        }
      }
      expect(wrong).toEqual([]);
    });

  it('a pending follow request sees what a stranger sees', async () => {
    const h = Harness.init();
    const w = await world(h, PROFILES.private);
    const asker = await athlete(h);
    await follow(h, asker.id, w.owner.id, 'pending');
    for (const v of VIS) expect((await h.call(`/api/v1/social/posts/${w.posts[v]}`, { cookie: asker.cookie })).status).toBe(404);
  });
});

const FIELDS = [
  { field: 'map', setting: 'hideMap' },
  { field: 'heartRate', setting: 'hideHeartRate' },
  { field: 'pacePower', setting: 'hidePacePower' },
  { field: 'notes', setting: 'hideNotes' },
] as const;

describe('fields: a stricter setting above wins, the owner sees all', () => {
  for (const { field, setting } of FIELDS)
    it(`${field}: hidden from others by the profile or by the post`, async () => {
      const h = Harness.init();
      const byProfile = await athlete(h, { profileVisibility: 'public', publicPage: true, [setting]: true });
      const byPost = await athlete(h, { profileVisibility: 'public', publicPage: true });
      const viewer = await athlete(h);
      await follow(h, viewer.id, byProfile.id);
      await follow(h, viewer.id, byPost.id);
      const share = async (who: { id: string; cookie: string }, hide: boolean) => {
        const run = await recordedRun(h, who.id);
        const res = await h.json<Post>('/api/v1/social/posts', {
          cookie: who.cookie,
          body: { activityId: run.id, description: 'Legs heavy', rpe: 6, visibility: 'public', ...(hide ? { [setting]: true } : {}) },
        });
        expect(res.status).toBe(201);
        return res.body.id;
      };
      const shown = await share(byPost, false);
      for (const id of [await share(byProfile, false), await share(byPost, true)]) {
        for (const cookie of [viewer.cookie, null]) {
          const seen = await h.json<Post>(`/api/v1/social/posts/${id}`, { cookie });
          expect(seen.status).toBe(200);
          expect(seen.body[field]).toBeNull();
        }
        const feed = await h.json<Body<typeof FeedPage>>('/api/v1/social/feed', { cookie: viewer.cookie });
        expect(feed.body.days.flatMap((d) => d.posts).find((p) => p.id === id)?.[field]).toBeNull();
      }
      // Not hidden: others see it; the owners see their own whatever they hid.
      expect((await h.json<Post>(`/api/v1/social/posts/${shown}`, { cookie: viewer.cookie })).body[field]).not.toBeNull();
      for (const owner of [byProfile, byPost]) {
        const feed = await h.json<Body<typeof FeedPage>>('/api/v1/social/feed', { cookie: owner.cookie });
        for (const p of feed.body.days.flatMap((d) => d.posts)) expect(p[field]).not.toBeNull();
      }
    });
});
