// Who the viewer is to an owner, on the real database: every kind, a block counted whichever side made it and
// winning over a follow, a mute beside a follow, and the defaults of an athlete who never chose anything.
import { describe, expect, it } from 'vitest';
import { blocks, follows, mutes, socialProfiles } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import { createRelations, DEFAULT_SOCIAL_SETTINGS } from './relations';

describe('relations', () => {
  it('names each relation, counts a block both ways and keeps a mute beside the follow', async () => {
    const h = Harness.init();
    const [owner, fan, asker, stranger, blocker] = await Promise.all([h.signup(), h.signup(), h.signup(), h.signup(), h.signup()]);
    const r = createRelations(h.db);
    await h.db.insert(follows).values([
      { followerId: fan.user.id, followeeId: owner.user.id, status: 'accepted', acceptedAt: new Date() },
      { followerId: asker.user.id, followeeId: owner.user.id, status: 'pending' },
      { followerId: blocker.user.id, followeeId: owner.user.id, status: 'accepted', acceptedAt: new Date() },
    ]);
    await h.db.insert(mutes).values({ muterId: fan.user.id, mutedId: owner.user.id });
    // The owner blocked someone who still follows them: the block wins, seen from either side.
    await h.db.insert(blocks).values({ blockerId: owner.user.id, blockedId: blocker.user.id });

    expect(await r.between(owner.user.id, owner.user.id)).toEqual({ kind: 'self', muted: false });
    expect(await r.between(fan.user.id, owner.user.id)).toEqual({ kind: 'follower', muted: true });
    expect(await r.between(asker.user.id, owner.user.id)).toEqual({ kind: 'requested', muted: false });
    expect(await r.between(stranger.user.id, owner.user.id)).toEqual({ kind: 'signed-in', muted: false });
    expect(await r.between(null, owner.user.id)).toEqual({ kind: 'anonymous', muted: false });
    expect(await r.between(blocker.user.id, owner.user.id)).toEqual({ kind: 'blocked', muted: false });
    expect(await r.between(owner.user.id, blocker.user.id)).toEqual({ kind: 'blocked', muted: false });

    expect((await r.followees(blocker.user.id)).includes(owner.user.id)).toBe(false);
    expect(await r.followees(fan.user.id)).toEqual([owner.user.id]);
    expect(await r.blockedEitherWay(blocker.user.id)).toEqual([owner.user.id]);
    expect(await r.blockedEitherWay(owner.user.id)).toEqual([blocker.user.id]);
  });

  it('gives the private defaults until the athlete chooses, then their row', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const r = createRelations(h.db);
    expect(await r.settings(a.user.id)).toEqual(DEFAULT_SOCIAL_SETTINGS);
    await h.db.insert(socialProfiles).values({ userId: a.user.id, profileVisibility: 'public', endCutM: 400 });
    expect(await r.settings(a.user.id)).toMatchObject({ profileVisibility: 'public', endCutM: 400, defaultPostVisibility: 'private' });
  });
});
