// Blocks and mutes from outside: a block ends every follow and request both ways at once, hides each from the
// other (404 both ways, out of lists and the directory), refuses follows both ways, silences follow notices,
// and lifting it brings no follow back. A mute changes nothing the muted person can see.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { blocks, follows } from '../../../db/schema';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { inbox, inboxOfType } from '../../notifications/triggers.testing';
import { createFollowsService, isBlockedEitherWay } from '../index';
import { makePublic, signupAs } from './people.testing';

type People = { people: { id: string; displayName: string }[] };

describe('blocking', () => {
  it('ends follows and requests both ways, hides each from the other, refuses follows both ways; unblocking restores nothing', async () => {
    const h = Harness.init();
    const [ann, bob] = await Promise.all([signupAs(h, 'Ann Block'), signupAs(h, 'Bob Block')]);
    await makePublic(ann.api, { inDirectory: true });
    await makePublic(bob.api, { inDirectory: true });
    await ann.api(`/follows/${bob.id}`, 'POST');
    await bob.api(`/follows/${ann.id}`, 'POST');
    expect((await ann.api<People>('/followers')).body.people.map((p) => p.id)).toEqual([bob.id]);

    expect((await ann.api(`/blocks/${bob.id}`, 'POST')).body).toEqual({ ok: true });
    // Again: the same block.
    expect((await ann.api(`/blocks/${bob.id}`, 'POST')).status).toBe(200);
    expect(await isBlockedEitherWay(h.db, bob.id, ann.id)).toBe(true);
    for (const [me, other] of [
      [ann, bob],
      [bob, ann],
    ] as const) {
      expect((await me.api<People>('/followers')).body.people).toEqual([]);
      expect((await me.api<People>('/following')).body.people).toEqual([]);
      expectErrorShape((await me.api(`/people/${other.id}`)).body, 'NOT_FOUND');
      expectErrorShape((await me.api(`/follows/${other.id}`, 'POST')).body, 'NOT_FOUND');
      expectErrorShape((await me.api(`/mutes/${other.id}`, 'POST')).body, 'NOT_FOUND');
      expect((await me.api<People>('/people?q=b')).body.people.map((p) => p.id)).not.toContain(other.id);
      expect((await me.api<People>('/people?q=a')).body.people.map((p) => p.id)).not.toContain(other.id);
    }
    // Only the blocker lists the block; the blocked one learns nothing from their own lists.
    expect((await ann.api<People>('/blocks')).body.people).toEqual([{ id: bob.id, displayName: 'Bob Block' }]);
    expect((await bob.api<People>('/blocks')).body.people).toEqual([]);
    expectErrorShape((await bob.api(`/blocks/${ann.id}`, 'DELETE')).body, 'NOT_FOUND');

    expect((await ann.api(`/blocks/${bob.id}`, 'DELETE')).body).toEqual({ ok: true });
    expect((await ann.api<People>('/followers')).body.people).toEqual([]);
    expect((await bob.api<People>('/following')).body.people).toEqual([]);
    expect((await bob.api(`/people/${ann.id}`)).status).toBe(200);
  });

  it('takes pending requests with it, and stands while either side holds one', async () => {
    const h = Harness.init();
    const [owner, asker, witness] = await Promise.all([signupAs(h, 'Quiet Owner'), signupAs(h, 'Pushy'), signupAs(h, 'Witness')]);
    await asker.api(`/follows/${owner.id}`, 'POST');
    await owner.api(`/blocks/${asker.id}`, 'POST');
    expect((await owner.api<{ requests: unknown[] }>('/follows/requests')).body.requests).toEqual([]);
    // Blocked the other way round too: the blocked one may block back, and the block stands while either does.
    expect((await asker.api(`/blocks/${owner.id}`, 'POST')).status).toBe(200);
    await owner.api(`/blocks/${asker.id}`, 'DELETE');
    expectErrorShape((await owner.api(`/people/${asker.id}`)).body, 'NOT_FOUND');
    expectErrorShape((await asker.api(`/follows/${owner.id}`, 'POST')).body, 'NOT_FOUND');
    await asker.api(`/blocks/${owner.id}`, 'DELETE');

    // Both lifted: the two are strangers again, and a new request rings as any other.
    await witness.api(`/follows/${owner.id}`, 'POST');
    expect((await asker.api(`/follows/${owner.id}`, 'POST')).body).toEqual({ status: 'pending' });
    const notices = await inboxOfType(h, owner.cookie, 'social.follow_request', 2);
    expect(notices.map((n) => n.data.userId)).toContain(witness.id);
  });

  it('no follow notice is sent across a block, even one that came between the request and its answer', async () => {
    const h = Harness.init();
    const [owner, asker] = await Promise.all([signupAs(h, 'Gate Owner'), signupAs(h, 'Gate Asker')]);
    // The rows as a race would leave them: a request still pending when the block landed.
    await h.db.insert(follows).values({ followerId: asker.id, followeeId: owner.id, status: 'pending' });
    await h.db.insert(blocks).values({ blockerId: asker.id, blockedId: owner.id });
    const sent: unknown[] = [];
    const follows_ = createFollowsService({
      db: h.db,
      clock: { now: () => new Date() },
      notify: { notify: async (m) => void sent.push(m) },
    });
    expect(await follows_.accept(owner.id, asker.id)).toEqual({ status: 'accepted' });
    expect(sent).toEqual([]);
    // Without the block the same answer is told.
    await h.db.insert(follows).values({ followerId: owner.id, followeeId: asker.id, status: 'pending' }).onConflictDoNothing();
    await h.db.delete(blocks).where(eq(blocks.blockerId, asker.id));
    await follows_.accept(asker.id, owner.id);
    expect(sent).toMatchObject([{ type: 'social.follow_accepted', userId: owner.id }]);
  });

  it('refuses yourself and nobody; someone else’s id is never a block of yours', async () => {
    const h = Harness.init();
    const me = await signupAs(h, 'Solo');
    expectErrorShape((await me.api(`/blocks/${me.id}`, 'POST')).body, 'VALIDATION');
    expectErrorShape((await me.api(`/blocks/${crypto.randomUUID()}`, 'POST')).body, 'NOT_FOUND');
    expectErrorShape((await me.api(`/blocks/${crypto.randomUUID()}`, 'DELETE')).body, 'NOT_FOUND');
  });
});

describe('muting', () => {
  it('is listed for the muter only, keeps the follow, and tells the muted person nothing', async () => {
    const h = Harness.init();
    const [me, loud] = await Promise.all([signupAs(h, 'Muter'), signupAs(h, 'Loud')]);
    await makePublic(loud.api);
    await me.api(`/follows/${loud.id}`, 'POST');
    expect((await me.api(`/mutes/${loud.id}`, 'POST')).body).toEqual({ ok: true });
    expect((await me.api<People>('/mutes')).body.people).toEqual([{ id: loud.id, displayName: 'Loud' }]);
    expect((await me.api<People>('/following')).body.people.map((p) => p.id)).toEqual([loud.id]);
    expect((await me.api<{ muted: boolean }>(`/people/${loud.id}`)).body.muted).toBe(true);
    // The muted one sees the same follower and no trace of the mute.
    expect((await loud.api<People>('/followers')).body.people.map((p) => p.id)).toEqual([me.id]);
    expect((await loud.api<{ muted: boolean }>(`/people/${me.id}`)).body.muted).toBe(false);
    expect((await loud.api<People>('/mutes')).body.people).toEqual([]);
    expect(await inbox(h, loud.cookie)).toEqual([]);

    expect((await me.api(`/mutes/${loud.id}`, 'DELETE')).body).toEqual({ ok: true });
    expectErrorShape((await me.api(`/mutes/${loud.id}`, 'DELETE')).body, 'NOT_FOUND');
    expectErrorShape((await me.api(`/mutes/${me.id}`, 'POST')).body, 'VALIDATION');
  });
});
