// Who the viewer is to an owner, in one word, and what the owner's settings are (defaults when they never chose).
// Every surface that shows one person's things to another asks this first (ADR 083).
import type { Executor, StatementExecutor } from '../../../db/executor';
import { createRelationsRepo, type SocialProfileRow } from './relations.repo';

/**
 * - self: the owner.
 * - blocked: a block either way — the other person does not exist (404), everywhere.
 * - follower: an accepted follow. requested: a follow waiting for the owner's approval.
 * - signed-in: anyone else signed in. anonymous: signed out.
 */
export type RelationKind = 'self' | 'blocked' | 'follower' | 'requested' | 'signed-in' | 'anonymous';

export interface Relation {
  kind: RelationKind;
  /** The viewer muted the owner: kept out of the viewer's feed, nothing else. */
  muted: boolean;
}

export type SocialSettings = Omit<SocialProfileRow, 'userId' | 'createdAt' | 'updatedAt'>;

/** What an athlete who never opened the social settings has: private everywhere, off every board. */
export const DEFAULT_SOCIAL_SETTINGS: SocialSettings = {
  profileVisibility: 'private',
  publicPage: false,
  inDirectory: false,
  defaultPostVisibility: 'private',
  hideMap: false,
  hideHeartRate: false,
  hidePacePower: false,
  hideNotes: false,
  endCutM: 200,
  hideWholeMap: false,
  leaderboardOptIn: false,
  suspendedUntil: null,
};

export function createRelations(db: Executor | StatementExecutor) {
  const repo = createRelationsRepo(db);
  return {
    async between(viewerId: string | null, ownerId: string): Promise<Relation> {
      if (viewerId === null) return { kind: 'anonymous', muted: false };
      if (viewerId === ownerId) return { kind: 'self', muted: false };
      const p = await repo.pair(viewerId, ownerId);
      if (p.blocked) return { kind: 'blocked', muted: false };
      const kind = p.follow === 'accepted' ? 'follower' : p.follow === 'pending' ? 'requested' : 'signed-in';
      return { kind, muted: p.muted };
    },
    async settings(userId: string): Promise<SocialSettings> {
      const row = await repo.profile(userId);
      if (!row) return DEFAULT_SOCIAL_SETTINGS;
      const { userId: _u, createdAt: _c, updatedAt: _up, ...settings } = row;
      return settings;
    },
    /** Several owners' settings in one read (a feed page's authors), defaults for those who never chose. */
    async settingsOf(userIds: string[]): Promise<Map<string, SocialSettings>> {
      const rows = new Map((await repo.profiles(userIds)).map(({ userId, createdAt: _c, updatedAt: _up, ...s }) => [userId, s]));
      return new Map(userIds.map((id) => [id, rows.get(id) ?? DEFAULT_SOCIAL_SETTINGS]));
    },
    /** Who a person is, as the serializer may show them (id and name); undefined for nobody. */
    person: (userId: string) => repo.person(userId),
    followees: (viewerId: string) => repo.followees(viewerId),
    /** The viewer and everyone they follow, as a subquery a feed page runs in its own statement. */
    feedAuthors: (viewerId: string) => repo.feedAuthors(viewerId),
    blockedEitherWay: (viewerId: string) => repo.blockedEitherWay(viewerId),
  };
}
export type Relations = ReturnType<typeof createRelations>;
