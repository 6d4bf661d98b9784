// Settings, privacy zones, the directory and profiles from outside: private defaults until the first save,
// the ends never cut below 200 m, zones seen by their owner only (never in any other people route), the
// directory empty until someone opts in, profiles by relation, and the signed-out page only when turned on.
import { describe, expect, it } from 'vitest';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { MAX_ZONES } from './people.service';
import { caller, makePublic, signupAs, SOCIAL } from './people.testing';

type Zone = { id: string; label: string; lat: number; lon: number; radiusM: number };
type Page = { people: { id: string; displayName: string }[]; nextCursor: string | null };

describe('social settings', () => {
  it('are the private defaults until saved; the first save writes them, a later one keeps what it leaves out', async () => {
    const h = Harness.init();
    const a = await signupAs(h, 'Settler');
    expect((await a.api('/settings')).body).toMatchObject({
      profileVisibility: 'private',
      publicPage: false,
      inDirectory: false,
      defaultPostVisibility: 'private',
      endCutM: 200,
      leaderboardOptIn: false,
      saved: false,
    });
    expect((await a.api('/settings', 'PUT', { endCutM: 800, hideHeartRate: true })).body).toMatchObject({
      endCutM: 800,
      hideHeartRate: true,
      profileVisibility: 'private',
      saved: true,
    });
    expect((await a.api('/settings', 'PUT', { inDirectory: true })).body).toMatchObject({
      endCutM: 800,
      hideHeartRate: true,
      inDirectory: true,
    });
  });

  it('refuses ends below 200 m or above a mile, and unknown values, in the one error shape', async () => {
    const h = Harness.init();
    const a = await signupAs(h, 'Strict');
    for (const body of [
      { endCutM: 0 },
      { endCutM: 199 },
      { endCutM: 1610 },
      { profileVisibility: 'friends' },
      { defaultPostVisibility: 'all' },
    ]) {
      const r = await a.api('/settings', 'PUT', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
    expect((await a.api('/settings')).body).toMatchObject({ saved: false, endCutM: 200 });
    expect((await h.json(`${SOCIAL}/settings`)).status).toBe(401);
  });
});

describe('privacy zones', () => {
  it('are the owner’s: added, listed, capped at 10, deleted; another athlete’s id is a 404', async () => {
    const h = Harness.init();
    const [a, b] = await Promise.all([signupAs(h, 'Zoner'), signupAs(h, 'Other')]);
    const home = { label: 'Home', lat: 52.520008, lon: 13.404954, radiusM: 400 };
    const made = await a.api<Zone>('/zones', 'POST', home);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject(home);
    for (let i = 1; i < MAX_ZONES; i++) expect((await a.api('/zones', 'POST', { ...home, label: `Place ${i}` })).status).toBe(201);
    const over = await a.api('/zones', 'POST', { ...home, label: 'One too many' });
    expect(over.status).toBe(409);
    expectErrorShape(over.body, 'CONFLICT');
    expect((await a.api<{ zones: Zone[] }>('/zones')).body.zones).toHaveLength(MAX_ZONES);
    expect((await b.api<{ zones: Zone[] }>('/zones')).body.zones).toEqual([]);
    expectErrorShape((await b.api(`/zones/${made.body.id}`, 'DELETE')).body, 'NOT_FOUND');
    expect((await a.api(`/zones/${made.body.id}`, 'DELETE')).body).toEqual({ ok: true });
    expect((await a.api<{ zones: Zone[] }>('/zones')).body.zones).toHaveLength(MAX_ZONES - 1);

    for (const bad of [
      { ...home, radiusM: 199 },
      { ...home, radiusM: 1610 },
      { ...home, lat: 91 },
      { ...home, label: '' },
      { ...home, label: 'a\nb' },
    ]) {
      const r = await b.api('/zones', 'POST', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
  });

  it('never reach anyone else through any people route, follower or not, signed out or not', async () => {
    const h = Harness.init();
    const [owner, fan, stranger] = await Promise.all([signupAs(h, 'Hidden Home'), signupAs(h, 'Fan'), signupAs(h, 'Stranger')]);
    await makePublic(owner.api, { inDirectory: true, publicPage: true });
    await owner.api('/zones', 'POST', { label: 'Secret Street', lat: 48.137154, lon: 11.576124, radiusM: 300 });
    await fan.api(`/follows/${owner.id}`, 'POST');
    await owner.api(`/follows/${fan.id}`, 'POST');
    const seen: string[] = [];
    for (const who of [fan, stranger])
      for (const path of [
        '/people?q=hidden',
        `/people/${owner.id}`,
        '/following',
        '/followers',
        '/follows/requests',
        '/zones',
        '/settings',
        '/mutes',
        '/blocks',
      ])
        seen.push(JSON.stringify((await who.api(path)).body));
    seen.push(JSON.stringify((await caller(h, null)(`/public/people/${owner.id}`)).body));
    expect(seen.join('\n')).toContain('Hidden Home');
    for (const leak of ['48.137', '11.576', 'Secret Street']) expect(seen.join('\n')).not.toContain(leak);
  });
});

describe('the directory', () => {
  it('hides everyone by default; lists opted-in people by name prefix, a keyset page at a time', async () => {
    const h = Harness.init();
    const tag = `Zq${crypto.randomUUID().slice(0, 6)}`;
    const [me, shy, ...open] = await Promise.all([
      signupAs(h, 'Searcher'),
      signupAs(h, `${tag} Shy`),
      signupAs(h, `${tag} Alpha`),
      signupAs(h, `${tag} beta`),
      signupAs(h, `${tag} Gamma`),
    ]);
    expect((await me.api<Page>(`/people?q=${tag}`)).body.people).toEqual([]);
    for (const p of open) await p.api('/settings', 'PUT', { inDirectory: true });
    void shy;
    const first = await me.api<Page>(`/people?q=${tag.toLowerCase()}&limit=2`);
    expect(first.body.people.map((p) => p.displayName)).toEqual([`${tag} Alpha`, `${tag} beta`]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await me.api<Page>(`/people?q=${tag}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ people: [{ id: open[2]!.id, displayName: `${tag} Gamma` }], nextCursor: null });
    // A wildcard is a character, not a pattern.
    expect((await me.api<Page>(`/people?q=${encodeURIComponent('%')}`)).body.people).toEqual([]);
    expectErrorShape((await me.api('/people?cursor=AAAA')).body, 'VALIDATION');
  });
});

describe('profiles', () => {
  it('a private one shows a stranger its name only; a missing one is a 404; the signed-out page only when turned on', async () => {
    const h = Harness.init();
    const [owner, stranger] = await Promise.all([signupAs(h, 'Private Pat'), signupAs(h, 'Nosy')]);
    expect((await stranger.api(`/people/${owner.id}`)).body).toEqual({
      person: { id: owner.id, displayName: 'Private Pat' },
      follow: 'none',
      private: true,
      muted: false,
      followers: null,
      following: null,
    });
    expect((await owner.api(`/people/${owner.id}`)).body).toMatchObject({ follow: 'self', private: false, followers: 0 });
    expectErrorShape((await stranger.api(`/people/${crypto.randomUUID()}`)).body, 'NOT_FOUND');

    const anon = caller(h, null);
    expectErrorShape((await anon(`/public/people/${owner.id}`)).body, 'NOT_FOUND');
    expect((await anon(`/people/${owner.id}`)).status).toBe(401);
    await owner.api('/settings', 'PUT', { publicPage: true });
    expect((await anon(`/public/people/${owner.id}`)).body).toEqual({
      person: { id: owner.id, displayName: 'Private Pat' },
      private: true,
      followers: null,
      following: null,
    });
    await owner.api('/settings', 'PUT', { profileVisibility: 'public' });
    expect((await anon(`/public/people/${owner.id}`)).body).toMatchObject({ private: false, followers: 0, following: 0 });
    expectErrorShape((await anon(`/public/people/${crypto.randomUUID()}`)).body, 'NOT_FOUND');
  });
});
