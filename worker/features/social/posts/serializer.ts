// THE serializer (ADR 083): the only code that turns a post, its activity and its author's settings into what one
// viewer sees. A stricter setting above wins — profile → post → field — and the owner always sees everything.
// Routes never build a post's or a person's shape themselves: they answer with these (serializer.schema.ts).
import { encodePolyline } from '../../../lib/geo';
import type { Relation, SocialSettings } from '../people/relations';
import { cutTrack, sharedTotals, type Track } from '../privacy-cut';
import { type AddressZone, planCuts } from '../privacy-zones';
import type { CommentView, PersonView, PostView, ProfileView, PublicProfileView, TheirAchievements, Visibility } from './serializer.schema';

export * from './serializer.schema';

/** A post as stored (the columns the serializer reads). */
export interface PostRecord {
  id: string;
  authorId: string;
  kind: 'activity' | 'entry';
  activityId: string | null;
  title: string;
  body: string | null;
  sport: string | null;
  durationS: number | null;
  distanceM: number | null;
  rpe: number | null;
  visibility: Visibility;
  hideMap: boolean;
  hideHeartRate: boolean;
  hidePacePower: boolean;
  hideNotes: boolean;
  dayAt: Date;
  createdAt: Date;
  hiddenAt: Date | null;
  hiddenReason: string | null;
}

/** The shared activity's figures and track (null track: indoors, or no stream stored). */
export interface ActivityFacts {
  sport: string;
  movingTimeS: number;
  elapsedTimeS: number;
  distanceM: number;
  avgHr: number | null;
  maxHr: number | null;
  avgPower: number | null;
  track: Track | null;
}

export interface Owner {
  id: string;
  displayName: string;
  settings: SocialSettings;
  zones: readonly AddressZone[];
}

export interface Counts {
  kudos: number;
  mine: boolean;
  comments: number;
}

const RANK: Record<Visibility, number> = { private: 0, followers: 1, public: 2 };

/** The post's visibility after the profile's cap: a private profile shows a post to followers at most. */
export function effectiveVisibility(post: Pick<PostRecord, 'visibility'>, settings: SocialSettings): Visibility {
  const cap: Visibility = settings.profileVisibility === 'private' ? 'followers' : 'public';
  return RANK[post.visibility] <= RANK[cap] ? post.visibility : cap;
}

/** Whether the viewer sees the post at all. A moderator's hide leaves it to its author; a block to no one. */
export function canSee(post: Pick<PostRecord, 'visibility' | 'hiddenAt'>, settings: SocialSettings, relation: Relation): boolean {
  if (relation.kind === 'self') return true;
  if (relation.kind === 'blocked' || post.hiddenAt) return false;
  const v = effectiveVisibility(post, settings);
  switch (relation.kind) {
    case 'anonymous':
      return v === 'public' && settings.publicPage;
    case 'follower':
      return v !== 'private';
    case 'requested':
    case 'signed-in':
      return v === 'public';
  }
}

export const person = (u: { id: string; displayName: string }): PersonView => ({ id: u.id, displayName: u.displayName });

const iso = (d: Date) => d.toISOString();
const last = (xs: readonly number[]) => xs[xs.length - 1] ?? 0;

async function mapFor(post: PostRecord, owner: Owner, track: Track | null, self: boolean, secret: string) {
  if (!track || track.lat.length < 2) return null;
  if (self) {
    const points = track.lat.map((lat, i) => ({ lat, lon: track.lon[i]! }));
    return { whole: true, segments: [{ polyline: encodePolyline(points), distanceM: last(track.distanceM), durationS: last(track.t) }] };
  }
  if (owner.settings.hideWholeMap) return null;
  const plan = await planCuts({
    secret,
    athleteId: owner.id,
    activityId: post.activityId ?? post.id,
    settings: { ends: { kind: 'metres', metres: owner.settings.endCutM }, zones: owner.zones },
    first: { lat: track.lat[0]!, lon: track.lon[0]! },
    last: { lat: track.lat[track.lat.length - 1]!, lon: track.lon[track.lon.length - 1]! },
  });
  const cut = cutTrack(track, plan);
  if (cut.segments.length === 0) return null;
  return {
    whole: false,
    segments: cut.segments.map((s) => ({
      polyline: s.polyline,
      distanceM: Math.round(last(s.distanceM) - (s.distanceM[0] ?? 0)),
      durationS: Math.round((last(s.t) - (s.t[0] ?? 0)) / 60) * 60,
    })),
  };
}

/**
 * What `relation` sees of one post, or null when the post is not visible to them (the route answers 404).
 * `secret` is the server's privacy-zone secret: the cut plan is derived here on every read and never leaves.
 */
export async function serializePost(input: {
  post: PostRecord;
  owner: Owner;
  activity: ActivityFacts | null;
  relation: Relation;
  counts: Counts;
  secret: string;
}): Promise<PostView | null> {
  const { post, owner, activity, relation, counts, secret } = input;
  if (!canSee(post, owner.settings, relation)) return null;
  const self = relation.kind === 'self';
  const s = owner.settings;
  const hidden = {
    map: !self && (s.hideMap || post.hideMap),
    heartRate: !self && (s.hideHeartRate || post.hideHeartRate),
    pacePower: !self && (s.hidePacePower || post.hidePacePower),
    notes: !self && (s.hideNotes || post.hideNotes),
  };
  const exact = activity
    ? { distanceM: activity.distanceM, movingTimeS: activity.movingTimeS, elapsedTimeS: activity.elapsedTimeS }
    : post.durationS !== null || post.distanceM !== null
      ? { distanceM: post.distanceM ?? 0, movingTimeS: post.durationS ?? 0, elapsedTimeS: post.durationS ?? 0 }
      : null;
  const totals = exact && !self ? sharedTotals(exact) : exact;
  const speed = totals && totals.movingTimeS > 0 && totals.distanceM > 0 ? totals.distanceM / totals.movingTimeS : null;
  return {
    id: post.id,
    author: person(owner),
    kind: post.kind,
    title: post.title,
    sport: activity?.sport ?? post.sport,
    dayAt: iso(post.dayAt),
    createdAt: iso(post.createdAt),
    distanceM: totals && (activity || post.distanceM !== null) ? totals.distanceM : null,
    movingTimeS: totals && (activity || post.durationS !== null) ? totals.movingTimeS : null,
    elapsedTimeS: totals && (activity || post.durationS !== null) ? totals.elapsedTimeS : null,
    notes: hidden.notes ? null : { text: post.body, rpe: post.rpe },
    heartRate: hidden.heartRate || !activity ? null : { avg: activity.avgHr, max: activity.maxHr },
    pacePower: hidden.pacePower ? null : { avgSpeedMps: speed, avgPower: activity?.avgPower ?? null },
    map: hidden.map ? null : await mapFor(post, owner, activity?.track ?? null, self, secret),
    kudos: { count: counts.kudos, mine: counts.mine },
    commentCount: counts.comments,
    own: self
      ? {
          visibility: post.visibility,
          hideMap: post.hideMap,
          hideHeartRate: post.hideHeartRate,
          hidePacePower: post.hidePacePower,
          hideNotes: post.hideNotes,
          activityId: post.activityId,
          hidden: post.hiddenAt ? { at: iso(post.hiddenAt), reason: post.hiddenReason } : null,
        }
      : null,
  };
}

/** A comment as a viewer who sees its post sees it; a moderator's hide leaves it to its author. */
export function serializeComment(input: {
  comment: { id: string; postId: string; body: string; createdAt: Date; hiddenAt: Date | null };
  author: { id: string; displayName: string };
  postAuthorId: string;
  viewerId: string | null;
}): CommentView | null {
  const { comment, author, postAuthorId, viewerId } = input;
  if (comment.hiddenAt && author.id !== viewerId) return null;
  return {
    id: comment.id,
    postId: comment.postId,
    author: person(author),
    body: comment.body,
    createdAt: iso(comment.createdAt),
    canDelete: viewerId !== null && (viewerId === author.id || viewerId === postAuthorId),
  };
}

/**
 * Whether the viewer sees more of a person than their name (counts, achievements): themselves, a follower, or
 * anyone not blocked when the profile is public. A block either way shows nothing at all.
 */
export function profileOpen(settings: SocialSettings, relation: Relation): boolean {
  if (relation.kind === 'blocked') return false;
  return relation.kind === 'self' || relation.kind === 'follower' || settings.profileVisibility === 'public';
}

type FollowCounts = { followers: number; following: number };
const FOLLOW: Record<Relation['kind'], ProfileView['follow']> = {
  self: 'self',
  follower: 'following',
  requested: 'requested',
  'signed-in': 'none',
  anonymous: 'none',
  blocked: 'none',
};

/** A person's profile as a signed-in viewer sees it, or null (the route's 404) across a block. Counts are read only when shown. */
export async function serializeProfile(input: {
  user: { id: string; displayName: string };
  settings: SocialSettings;
  relation: Relation;
  counts: () => Promise<FollowCounts>;
}): Promise<ProfileView | null> {
  const { user, settings, relation } = input;
  if (relation.kind === 'blocked' || relation.kind === 'anonymous') return null;
  const open = profileOpen(settings, relation);
  const counts = open ? await input.counts() : { followers: null, following: null };
  return { person: person(user), follow: FOLLOW[relation.kind], private: !open, muted: relation.muted, ...counts };
}

/** The signed-out page: only while its owner has it on (null otherwise); a private profile shows its name only. */
export async function serializePublicProfile(input: {
  user: { id: string; displayName: string };
  settings: SocialSettings;
  counts: () => Promise<FollowCounts>;
}): Promise<PublicProfileView | null> {
  const { user, settings } = input;
  if (!settings.publicPage) return null;
  const open = profileOpen(settings, { kind: 'anonymous', muted: false });
  const counts = open ? await input.counts() : { followers: null, following: null };
  return { person: person(user), private: !open, ...counts };
}

/**
 * Another athlete's achievements, or null (404) when their profile is not open to the viewer. Only awards also
 * earned without Strava API data (`shared` receipts) and not withdrawn, on those receipts and that date.
 */
export function serializeAchievements(input: {
  owner: { id: string; displayName: string };
  settings: SocialSettings;
  relation: Relation;
  awards: readonly {
    code: string;
    title: string | undefined;
    points: number;
    withdrawnAt: Date | string | null;
    shared: { earnedAt: string; activityIds: string[] } | null;
  }[];
}): TheirAchievements | null {
  const { owner, settings, relation } = input;
  if (!profileOpen(settings, relation)) return null;
  const achievements = input.awards.flatMap((a) =>
    a.withdrawnAt === null && a.shared && a.title !== undefined
      ? [{ code: a.code, title: a.title, points: a.points, earnedAt: a.shared.earnedAt, activityIds: a.shared.activityIds }]
      : [],
  );
  return { person: person(owner), points: achievements.reduce((n, a) => n + a.points, 0), achievements };
}
