// Follows and requests, blocks and mutes: the rules of who may reach whom. A block is immediate and symmetric:
// one transaction removes every follow and request between the two; their posts, kudos and comments stay, and
// the posts slice hides them from each other by the relation (ADR 083). Nobody is told of a decline, a removal,
// a block or a mute.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { Notifier } from '../../notifications';
import { takeHourly } from '../../allowances';
import { createRelations } from './relations';
import { isBlockedEitherWay } from './block-check';
import { person } from '../posts/serializer';
import { createPeopleRepo } from './people.repo';

/** New follows and requests an athlete may make in an hour (a request is a notification to someone). */
export const FOLLOWS_PER_HOUR = 30;

export interface FollowsDeps {
  db: Db;
  clock: Clock;
  notify: Notifier;
}

const personNotFound = () => notFound('Person');
const notYourself = (act: string) => new AppError(ErrorCode.VALIDATION, `You cannot ${act} yourself.`);
const iso = (d: Date) => d.toISOString();

export function createFollowsService(deps: FollowsDeps) {
  const repo = createPeopleRepo(deps.db);
  const relations = createRelations(deps.db);

  /** The other person, when they exist and neither blocked the other: a 404 otherwise, the same either way. */
  async function reachable(me: string, other: string) {
    const user = await repo.user(other);
    if (!user || (await isBlockedEitherWay(deps.db, me, other))) throw personNotFound();
    return user;
  }

  /** One unit of the hourly follow allowance, or 429 with the seconds to the next hour. */
  const takeFollow = (me: string) =>
    takeHourly(deps.db, {
      userId: me,
      bucket: 'social.follow',
      limit: FOLLOWS_PER_HOUR,
      now: deps.clock.now(),
      refusal: `You can follow or ask to follow ${FOLLOWS_PER_HOUR} people an hour; try again later.`,
    });

  /** A social notification, unless a block came between the two meanwhile. */
  async function tell(to: string, about: string, send: () => Promise<void>) {
    if (!(await isBlockedEitherWay(deps.db, to, about))) await send();
  }

  return {
    /** A public profile is followed at once; a private one gets a request its owner is told of. Again: the same state. */
    async follow(me: string, target: string): Promise<{ status: 'accepted' | 'pending' }> {
      if (me === target) throw notYourself('follow');
      await reachable(me, target);
      const existing = await repo.follow(me, target);
      if (existing) return { status: existing.status as 'accepted' | 'pending' };
      const window = await takeFollow(me);
      const settings = await relations.settings(target);
      const status = settings.profileVisibility === 'public' ? 'accepted' : 'pending';
      const made = (await repo.insertFollow(me, target, status, deps.clock.now())) ?? (await repo.follow(me, target))?.status;
      if (made === 'pending') {
        const asker = (await repo.user(me))!;
        // One notice per pair per hour: asking, cancelling and asking again does not ring the owner's phone each time.
        await tell(target, me, () =>
          deps.notify.notify({
            userId: target,
            type: 'social.follow_request',
            dedupeKey: `social.follow_request:${me}:${target}:${iso(window)}`,
            data: { userId: me, name: asker.displayName.slice(0, 200) },
          }),
        );
      }
      return { status: (made ?? status) as 'accepted' | 'pending' };
    },
    /** Unfollows, or takes back a request. */
    async unfollow(me: string, target: string) {
      if (!(await repo.deleteFollow(me, target))) throw notFound('Follow');
      return { ok: true as const };
    },
    async requests(me: string) {
      const rows = await repo.incoming(me);
      return { requests: rows.map((r) => ({ person: person(r), requestedAt: iso(r.requestedAt) })) };
    },
    async accept(me: string, asker: string) {
      if (!(await repo.acceptFollow(asker, me, deps.clock.now()))) throw notFound('Follow request');
      const owner = (await repo.user(me))!;
      await tell(asker, me, () =>
        deps.notify.notify({
          userId: asker,
          type: 'social.follow_accepted',
          dedupeKey: `social.follow_accepted:${asker}:${me}:${deps.clock.now().getTime()}`,
          data: { userId: me, name: owner.displayName.slice(0, 200) },
        }),
      );
      return { status: 'accepted' as const };
    },
    /** The request goes; its maker is not told (their side reads "not following" again). */
    async decline(me: string, asker: string) {
      if (!(await repo.deleteFollow(asker, me, 'pending'))) throw notFound('Follow request');
      return { ok: true as const };
    },
    following: async (me: string) => ({ people: (await repo.following(me)).map(person) }),
    followers: async (me: string) => ({ people: (await repo.followers(me)).map(person) }),
    /** Removes someone who follows me: they are not told, and following again is a new follow (a request when private). */
    async removeFollower(me: string, follower: string) {
      if (!(await repo.deleteFollow(follower, me, 'accepted'))) throw notFound('Follower');
      return { ok: true as const };
    },

    /** Blocks at once and both ways: the block and the end of every follow and request between them, in one transaction. */
    async block(me: string, target: string) {
      if (me === target) throw notYourself('block');
      // Someone who already blocked me may still be blocked by me: no 404 for a block, only for nobody.
      if (!(await repo.user(target))) throw personNotFound();
      await deps.db.transaction(async (tx) => {
        const r = createPeopleRepo(tx);
        await r.insertBlock(me, target, deps.clock.now());
        await r.deleteFollowsBetween(me, target);
      });
      return { ok: true as const };
    },
    /** Lifts my block (theirs, if any, stays); follows do not come back. */
    async unblock(me: string, target: string) {
      if (!(await repo.deleteBlock(me, target))) throw notFound('Block');
      return { ok: true as const };
    },
    blocks: async (me: string) => ({ people: (await repo.blocked(me)).map(person) }),

    async mute(me: string, target: string) {
      if (me === target) throw notYourself('mute');
      await reachable(me, target);
      await repo.insertMute(me, target, deps.clock.now());
      return { ok: true as const };
    },
    async unmute(me: string, target: string) {
      if (!(await repo.deleteMute(me, target))) throw notFound('Mute');
      return { ok: true as const };
    },
    mutes: async (me: string) => ({ people: (await repo.muted(me)).map(person) }),
  };
}
export type FollowsService = ReturnType<typeof createFollowsService>;
