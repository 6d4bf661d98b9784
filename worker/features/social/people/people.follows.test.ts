// Follows from outside, through HTTP: a private profile's request (accepted, declined, cancelled) and the
// notices each way, a public profile followed at once, pending requests kept when a profile turns public,
// the hourly allowance (429 with Retry-After), and someone else's ids answering 404.
import { describe, expect, it } from 'vitest';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { inbox, inboxOfType } from '../../notifications/triggers.testing';
import { FOLLOWS_PER_HOUR } from './follows.service';
import { makePublic, rows, signupAs } from './people.testing';

type People = { people: { id: string; displayName: string }[] };
type Requests = { requests: { person: { id: string; displayName: string }; requestedAt: string }[] };
type Profile = { follow: string; private: boolean; followers: number | null; following: number | null };

describe('following a private profile', () => {
  it('asks; the owner is told, accepts, and the asker is told; then both lists show it', async () => {
    const h = Harness.init();
    const [owner, fan] = await Promise.all([signupAs(h, 'Olive Owner'), signupAs(h, 'Finn Fan')]);

    expect((await fan.api(`/follows/${owner.id}`, 'POST')).body).toEqual({ status: 'pending' });
    // Asking again is the same request.
    expect((await fan.api(`/follows/${owner.id}`, 'POST')).body).toEqual({ status: 'pending' });
    expect((await owner.api<Requests>('/follows/requests')).body.requests).toMatchObject([
      { person: { id: fan.id, displayName: 'Finn Fan' } },
    ]);
    expect((await fan.api<Profile>(`/people/${owner.id}`)).body).toMatchObject({ follow: 'requested', private: true, followers: null });
    const [asked] = await inboxOfType(h, owner.cookie, 'social.follow_request');
    expect(asked).toMatchObject({ title: 'Finn Fan asked to follow you', link: '/people#requests', data: { userId: fan.id } });

    expect((await owner.api(`/follows/requests/${fan.id}/accept`, 'POST')).body).toEqual({ status: 'accepted' });
    const [accepted] = await inboxOfType(h, fan.cookie, 'social.follow_accepted');
    expect(accepted).toMatchObject({ title: 'Olive Owner accepted your follow request', link: `/people/${owner.id}` });
    expect((await owner.api<People>('/followers')).body.people).toEqual([{ id: fan.id, displayName: 'Finn Fan' }]);
    expect((await fan.api<People>('/following')).body.people).toEqual([{ id: owner.id, displayName: 'Olive Owner' }]);
    expect((await owner.api<Requests>('/follows/requests')).body.requests).toEqual([]);
    expect((await fan.api<Profile>(`/people/${owner.id}`)).body).toMatchObject({
      follow: 'following',
      private: false,
      followers: 1,
      following: 0,
    });

    // Accepting twice: there is no request any more.
    expectErrorShape((await owner.api(`/follows/requests/${fan.id}/accept`, 'POST')).body, 'NOT_FOUND');
    // Unfollow ends it.
    expect((await fan.api(`/follows/${owner.id}`, 'DELETE')).status).toBe(200);
    expect((await owner.api<People>('/followers')).body.people).toEqual([]);
    expectErrorShape((await fan.api(`/follows/${owner.id}`, 'DELETE')).body, 'NOT_FOUND');
  });

  it('a decline deletes the request and tells nobody; a cancel takes it back', async () => {
    const h = Harness.init();
    const [owner, asker, other] = await Promise.all([signupAs(h, 'Dana'), signupAs(h, 'Ash'), signupAs(h, 'Cy')]);
    await asker.api(`/follows/${owner.id}`, 'POST');
    await other.api(`/follows/${owner.id}`, 'POST');
    await inboxOfType(h, owner.cookie, 'social.follow_request', 2);

    expect((await owner.api(`/follows/requests/${asker.id}/decline`, 'POST')).body).toEqual({ ok: true });
    expect((await asker.api<Profile>(`/people/${owner.id}`)).body).toMatchObject({ follow: 'none', private: true });
    expect((await owner.api<Requests>('/follows/requests')).body.requests.map((r) => r.person.id)).toEqual([other.id]);

    expect((await other.api(`/follows/${owner.id}`, 'DELETE')).body).toEqual({ ok: true });
    expect((await owner.api<Requests>('/follows/requests')).body.requests).toEqual([]);
    expectErrorShape((await owner.api(`/follows/requests/${other.id}/decline`, 'POST')).body, 'NOT_FOUND');
    // The asker was told nothing of the decline.
    expect(await inbox(h, asker.cookie)).toEqual([]);
  });

  it('turning public accepts no waiting request: it stays pending; new follows are accepted at once', async () => {
    const h = Harness.init();
    const [owner, early, late] = await Promise.all([signupAs(h, 'Pat'), signupAs(h, 'Early'), signupAs(h, 'Late')]);
    await early.api(`/follows/${owner.id}`, 'POST');
    await makePublic(owner.api);
    expect((await owner.api<Requests>('/follows/requests')).body.requests.map((r) => r.person.id)).toEqual([early.id]);
    expect((await late.api(`/follows/${owner.id}`, 'POST')).body).toEqual({ status: 'accepted' });
    expect((await owner.api<People>('/followers')).body.people.map((p) => p.id)).toEqual([late.id]);
    // A public profile shows its counts to a stranger.
    const stranger = await signupAs(h, 'Stranger');
    expect((await stranger.api<Profile>(`/people/${owner.id}`)).body).toMatchObject({ private: false, followers: 1, following: 0 });
  });
});

describe('follow refusals', () => {
  it('yourself is a 400, nobody is a 404, a bad id is a 400 in the one error shape', async () => {
    const h = Harness.init();
    const me = await signupAs(h, 'Me');
    expectErrorShape((await me.api(`/follows/${me.id}`, 'POST')).body, 'VALIDATION');
    expectErrorShape((await me.api(`/follows/${crypto.randomUUID()}`, 'POST')).body, 'NOT_FOUND');
    const bad = await me.api('/follows/not-a-uuid', 'POST');
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 'VALIDATION');
    expect((await h.json(`/api/v1/social/follows/${me.id}`, { method: 'POST' })).status).toBe(401);
  });

  it('someone else’s request cannot be answered by a third person', async () => {
    const h = Harness.init();
    const [owner, asker, third] = await Promise.all([signupAs(h, 'O'), signupAs(h, 'A'), signupAs(h, 'T')]);
    await asker.api(`/follows/${owner.id}`, 'POST');
    expectErrorShape((await third.api(`/follows/requests/${asker.id}/accept`, 'POST')).body, 'NOT_FOUND');
    expectErrorShape((await third.api(`/follows/requests/${asker.id}/decline`, 'POST')).body, 'NOT_FOUND');
    expect((await owner.api<Requests>('/follows/requests')).body.requests.map((r) => r.person.id)).toEqual([asker.id]);
  });

  it(`allows ${FOLLOWS_PER_HOUR} new follows an hour, then 429 with Retry-After; following again costs nothing`, async () => {
    const h = Harness.init();
    const hour = () => Math.floor(Date.now() / 3_600_000);
    // The allowance is per clock hour: a run that straddles the top of the hour starts again with a new athlete.
    for (;;) {
      const startedIn = hour();
      const me = await signupAs(h, 'Keen');
      const targets = await rows(h, FOLLOWS_PER_HOUR + 1);
      for (const id of targets.slice(0, FOLLOWS_PER_HOUR)) expect((await me.api(`/follows/${id}`, 'POST')).status).toBe(200);
      // The same person again is no new follow.
      expect((await me.api(`/follows/${targets[0]}`, 'POST')).status).toBe(200);
      const refused = await me.api(`/follows/${targets.at(-1)}`, 'POST');
      if (hour() !== startedIn) continue;
      expect(refused.status).toBe(429);
      expectErrorShape(refused.body, 'RATE_LIMITED');
      const retry = Number(refused.res.headers.get('Retry-After'));
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(3600);
      return;
    }
  });
});
