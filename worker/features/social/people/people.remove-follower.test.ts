// Removing a follower, from outside through HTTP: the follow ends at once (their followers-only posts are gone from
// the removed person's post page and feed, others keep theirs), nobody is told, and following again starts anew —
// a request a private profile must approve again, a follow at once for a public one. Only an accepted follower of
// mine can be removed: a request, someone I follow, nobody, are 404s.
import { describe, expect, it } from 'vitest';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { inbox, inboxOfType } from '../../notifications/triggers.testing';
import { makePublic, signupAs } from './people.testing';

type People = { people: { id: string; displayName: string }[] };
type Requests = { requests: { person: { id: string } }[] };
type Feed = { days: { posts: { id: string }[] }[] };

const feedIds = (f: Feed) => f.days.flatMap((d) => d.posts.map((p) => p.id));

describe('removing a follower', () => {
  it('ends the follow at once and tells nobody; asking again needs approval again', async () => {
    const h = Harness.init();
    const [owner, fan, other] = await Promise.all([signupAs(h, 'Rhea Remover'), signupAs(h, 'Fern Fan'), signupAs(h, 'Otto Other')]);
    for (const f of [fan, other]) {
      expect((await f.api(`/follows/${owner.id}`, 'POST')).body).toEqual({ status: 'pending' });
      expect((await owner.api(`/follows/requests/${f.id}/accept`, 'POST')).body).toEqual({ status: 'accepted' });
    }
    await inboxOfType(h, fan.cookie, 'social.follow_accepted');
    const made = await owner.api<{ id: string }>('/posts', 'POST', {
      title: 'For followers only',
      sport: 'run',
      date: '2026-11-20',
      visibility: 'followers',
    });
    expect(made.status).toBe(201);
    const post = `/posts/${made.body.id}`;
    expect((await fan.api(post)).status).toBe(200);
    expect(feedIds((await fan.api<Feed>('/feed')).body)).toContain(made.body.id);

    expect((await owner.api(`/followers/${fan.id}`, 'DELETE')).body).toEqual({ ok: true });
    expect((await owner.api<People>('/followers')).body.people.map((p) => p.id)).toEqual([other.id]);
    expect((await fan.api<People>('/following')).body.people).toEqual([]);
    // The removed person sees what any stranger sees of a private profile: the name, and no followers-only post.
    expect((await fan.api(post)).status).toBe(404);
    expect(feedIds((await fan.api<Feed>('/feed')).body)).not.toContain(made.body.id);
    expect((await fan.api(`/people/${owner.id}`)).body).toMatchObject({ follow: 'none', private: true, followers: null });
    // Everyone else keeps theirs.
    expect((await other.api(post)).status).toBe(200);
    // Nobody is told: the removed person's inbox holds the old acceptance only.
    expect((await inbox(h, fan.cookie)).map((n) => n.type)).toEqual(['social.follow_accepted']);
    // Removing again: there is no follower any more.
    expectErrorShape((await owner.api(`/followers/${fan.id}`, 'DELETE')).body, 'NOT_FOUND');

    // They may ask again; the private profile approves again before anything shows.
    expect((await fan.api(`/follows/${owner.id}`, 'POST')).body).toEqual({ status: 'pending' });
    expect((await owner.api<Requests>('/follows/requests')).body.requests.map((r) => r.person.id)).toEqual([fan.id]);
    expect((await fan.api(post)).status).toBe(404);
    expect((await owner.api(`/follows/requests/${fan.id}/accept`, 'POST')).body).toEqual({ status: 'accepted' });
    expect((await fan.api(post)).status).toBe(200);
  });

  it('a public profile is followed again at once', async () => {
    const h = Harness.init();
    const [owner, fan] = await Promise.all([signupAs(h, 'Open Owner'), signupAs(h, 'Fan Again')]);
    await makePublic(owner.api);
    expect((await fan.api(`/follows/${owner.id}`, 'POST')).body).toEqual({ status: 'accepted' });
    expect((await owner.api(`/followers/${fan.id}`, 'DELETE')).body).toEqual({ ok: true });
    expect((await owner.api<People>('/followers')).body.people).toEqual([]);
    expect((await fan.api(`/follows/${owner.id}`, 'POST')).body).toEqual({ status: 'accepted' });
    expect((await owner.api<People>('/followers')).body.people.map((p) => p.id)).toEqual([fan.id]);
  });

  it('removes only an accepted follower of mine: a request, someone I follow and nobody are 404s', async () => {
    const h = Harness.init();
    const [me, asker, followee] = await Promise.all([signupAs(h, 'Me'), signupAs(h, 'Asker'), signupAs(h, 'Followee')]);
    await asker.api(`/follows/${me.id}`, 'POST');
    await makePublic(followee.api);
    await me.api(`/follows/${followee.id}`, 'POST');

    // A waiting request is declined, not removed: it stays for me to answer.
    expectErrorShape((await me.api(`/followers/${asker.id}`, 'DELETE')).body, 'NOT_FOUND');
    expect((await me.api<Requests>('/follows/requests')).body.requests.map((r) => r.person.id)).toEqual([asker.id]);
    // Someone I follow is not my follower: my follow of them stays.
    expectErrorShape((await me.api(`/followers/${followee.id}`, 'DELETE')).body, 'NOT_FOUND');
    expect((await me.api<People>('/following')).body.people.map((p) => p.id)).toEqual([followee.id]);
    // Nor can anyone remove another's follower.
    expectErrorShape((await asker.api(`/followers/${me.id}`, 'DELETE')).body, 'NOT_FOUND');
    expectErrorShape((await me.api(`/followers/${crypto.randomUUID()}`, 'DELETE')).body, 'NOT_FOUND');
    const bad = await me.api('/followers/not-a-uuid', 'DELETE');
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 'VALIDATION');
    expect((await h.json(`/api/v1/social/followers/${asker.id}`, { method: 'DELETE' })).status).toBe(401);
  });
});
