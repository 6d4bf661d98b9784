// What a viewer may receive of another person's things: every shape the social routes answer with, strict, so a
// field the serializer did not put there cannot ride along. The route-table test holds every /api/v1/social
// route that shows someone's data to these schemas (SERIALIZER_SCHEMAS below), by name in the OpenAPI document.
import { z } from '@hono/zod-openapi';

export const VISIBILITIES = ['public', 'followers', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** A person as another sees them: id and name only. */
export const PersonView = z.strictObject({ id: z.uuid(), displayName: z.string() }).openapi('SocialPerson');
export type PersonView = z.infer<typeof PersonView>;

/** One visible stretch of a cut map (never a line across a hidden part). */
const MapSegment = z.strictObject({ polyline: z.string(), distanceM: z.number(), durationS: z.number() });

export const PostMap = z
  .strictObject({
    segments: z.array(MapSegment),
    /** true: the whole track (the owner's own view); false: what the privacy cut left. */
    whole: z.boolean(),
  })
  .openapi('SocialPostMap');

export const PostView = z
  .strictObject({
    id: z.uuid(),
    author: PersonView,
    kind: z.enum(['activity', 'entry']),
    title: z.string(),
    sport: z.string().nullable(),
    /** The local day it was trained (the author's zone for an activity, else UTC). */
    dayAt: z.iso.datetime({ offset: true }),
    createdAt: z.iso.datetime({ offset: true }),
    /** Others see 0.1 km and whole minutes (sharedTotals); the owner the exact figures. */
    distanceM: z.number().nullable(),
    movingTimeS: z.number().nullable(),
    elapsedTimeS: z.number().nullable(),
    /** null: hidden (by the profile or the post) or not recorded. */
    notes: z.strictObject({ text: z.string().nullable(), rpe: z.number().nullable() }).nullable(),
    heartRate: z.strictObject({ avg: z.number().nullable(), max: z.number().nullable() }).nullable(),
    pacePower: z.strictObject({ avgSpeedMps: z.number().nullable(), avgPower: z.number().nullable() }).nullable(),
    map: PostMap.nullable(),
    kudos: z.strictObject({ count: z.number().int(), mine: z.boolean() }),
    commentCount: z.number().int(),
    /** The author's own view only: the post's settings and a moderator's hide. */
    own: z
      .strictObject({
        visibility: z.enum(VISIBILITIES),
        hideMap: z.boolean(),
        hideHeartRate: z.boolean(),
        hidePacePower: z.boolean(),
        hideNotes: z.boolean(),
        activityId: z.uuid().nullable(),
        hidden: z.strictObject({ at: z.iso.datetime({ offset: true }), reason: z.string().nullable() }).nullable(),
      })
      .nullable(),
  })
  .openapi('SocialPost');
export type PostView = z.infer<typeof PostView>;

export const FeedDay = z.strictObject({ day: z.iso.date(), posts: z.array(PostView) });
export const FeedPage = z
  .strictObject({
    days: z.array(FeedDay),
    /** Opaque; absent on the last page. */
    nextCursor: z.string().nullable(),
  })
  .openapi('SocialFeed');
export type FeedPage = z.infer<typeof FeedPage>;

export const CommentView = z
  .strictObject({
    id: z.uuid(),
    postId: z.uuid(),
    author: PersonView,
    body: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
    /** The viewer may delete it: its author, or the post's author. */
    canDelete: z.boolean(),
  })
  .openapi('SocialComment');
export type CommentView = z.infer<typeof CommentView>;

export const CommentList = z.strictObject({ comments: z.array(CommentView) }).openapi('SocialComments');
export const KudosList = z.strictObject({ count: z.number().int(), people: z.array(PersonView) }).openapi('SocialKudos');
export type KudosList = z.infer<typeof KudosList>;

/** Who may share an activity, and why not: the viewer's own activity only, so no one else's data. */
export const ComposerState = z
  .strictObject({
    activityId: z.uuid(),
    canShare: z.boolean(),
    /** Why not, in words and as a code (PROVIDER_TERMS, SUSPENDED, ALREADY_SHARED). */
    reason: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
    postId: z.uuid().nullable(),
    defaults: z.strictObject({ visibility: z.enum(VISIBILITIES), title: z.string() }),
  })
  .openapi('SocialComposer');
export type ComposerState = z.infer<typeof ComposerState>;

export const Done = z.strictObject({ ok: z.literal(true) }).openapi('SocialDone');

// People: every list, request, directory page, profile, board and achievement list names its people as PersonView.
export const PeopleList = z.strictObject({ people: z.array(PersonView) }).openapi('SocialPeople');
export const FollowRequests = z
  .strictObject({ requests: z.array(z.strictObject({ person: PersonView, requestedAt: z.iso.datetime({ offset: true }) })) })
  .openapi('SocialFollowRequests');
export const DirectoryPage = z.strictObject({ people: z.array(PersonView), nextCursor: z.string().nullable() }).openapi('SocialDirectory');

const counted = {
  /** null: a private profile the viewer does not follow (only the name shows). */
  followers: z.int().nullable(),
  following: z.int().nullable(),
};
export const ProfileView = z
  .strictObject({
    person: PersonView,
    follow: z.enum(['self', 'following', 'requested', 'none']).openapi({ description: 'The viewer’s side of the follow' }),
    private: z.boolean().openapi({ description: 'true: a private profile the viewer does not follow; only the name shows' }),
    muted: z.boolean(),
    ...counted,
  })
  .openapi('SocialProfile');
export type ProfileView = z.infer<typeof ProfileView>;
export const PublicProfileView = z.strictObject({ person: PersonView, private: z.boolean(), ...counted }).openapi('SocialPublicProfile');
export type PublicProfileView = z.infer<typeof PublicProfileView>;

/** Another athlete's achievements: only those also earned without Strava API data, on those receipts. */
export const TheirAchievements = z
  .strictObject({
    person: PersonView,
    points: z.int(),
    achievements: z.array(
      z.strictObject({ code: z.string(), title: z.string(), points: z.int(), earnedAt: z.string(), activityIds: z.array(z.uuid()) }),
    ),
  })
  .openapi('SocialAchievements');
export type TheirAchievements = z.infer<typeof TheirAchievements>;

/** One place on a week's board (the board itself, with the viewer's own exclusions, is awards.schema.ts's SocialBoard). */
export const BoardEntry = z.strictObject({
  person: PersonView,
  rank: z.int(),
  value: z.number(),
  final: z.boolean(),
  you: z.boolean(),
  activityIds: z.array(z.uuid()),
});
export type BoardEntry = z.infer<typeof BoardEntry>;

/**
 * The component names the serializer owns. A route declaring `dataUse: 'social'` answers one of these; the
 * own-data ones (composer, done) carry nothing of another person. SocialBoard is assembled in awards.schema.ts
 * from BoardEntry and the viewer's own exclusions; SegmentBoard in maps' segments.schema.ts from PersonView alike.
 */
export const SERIALIZER_SCHEMAS = {
  others: [
    'SocialPost',
    'SocialFeed',
    'SocialComment',
    'SocialComments',
    'SocialKudos',
    'SocialPeople',
    'SocialFollowRequests',
    'SocialDirectory',
    'SocialProfile',
    'SocialPublicProfile',
    'SocialAchievements',
    'SocialBoard',
    'SegmentBoard',
  ],
  own: ['SocialComposer', 'SocialDone'],
} as const;
