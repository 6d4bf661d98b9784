// Posts, the feed, kudos and comments. Every read ends in the serializer; every write checks the author's
// suspension, the provider's terms and the hourly limits first. Notifications never cross a block.
import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { PolicyRef } from '../../activities';
import { takeHourly } from '../../allowances';
import type { Notifier } from '../../notifications';
import { localDater } from '../local-day';
import type { Relation, Relations } from '../people/relations';
import { decodeCursor, encodeCursor } from './feed-cursor';
import { mentionedIds } from './mentions';
import { type NewPost, type PostPatch, createPostsRepo } from './posts.repo';
import type { CreatePostBody, UpdatePostBody } from './posts.schema';
import {
  type ActivityFacts,
  type CommentView,
  type ComposerState,
  type FeedPage,
  type KudosList,
  type Owner,
  type PostRecord,
  type PostView,
  canSee,
  person,
  serializeComment,
  serializePost,
} from './serializer';

export const FEED_PAGE = 20;
/** Hourly limits per athlete; past one, 429 with the seconds to the next hour. */
export const LIMITS = { post: 20, comment: 60, kudos: 300 } as const;

export const providerTermsMessage = (provider: string) =>
  `This activity came through the ${provider} API, whose terms let only you see it — upload the original file or your ${provider} archive to share it.`;

const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'No such post.');
const SELF: Relation = { kind: 'self', muted: false };
const FOLLOWER: Relation = { kind: 'follower', muted: false };

export interface Viewer {
  id: string;
  displayName: string;
  timeZone: string;
}

export function createPostsService(deps: {
  db: Executor;
  clock: Clock;
  relations: Relations;
  policy: PolicyRef;
  notify: Notifier;
  /** The privacy-zone secret (ADR 082): the cut plans are derived from it on every read. */
  zoneSecret: string;
}) {
  const repo = createPostsRepo(deps.db);
  const { relations } = deps;

  async function refuseSuspended(userId: string) {
    const until = (await relations.settings(userId)).suspendedUntil;
    if (until && until > deps.clock.now())
      throw new AppError(ErrorCode.SUSPENDED, `Your account is suspended from sharing until ${until.toISOString().slice(0, 10)}.`);
  }

  const take = (userId: string, what: keyof typeof LIMITS) =>
    takeHourly(deps.db, {
      userId,
      bucket: `social.${what}`,
      limit: LIMITS[what],
      now: deps.clock.now(),
      refusal: `You can add ${LIMITS[what]} ${what === 'kudos' ? 'kudos' : `${what}s`} an hour; try again shortly.`,
    });

  /** Why an activity's source keeps it from others, or null when it may be shared. */
  async function termsRefusal(source: Parameters<Awaited<ReturnType<PolicyRef>>['allows']>[0]) {
    const policy = await deps.policy();
    if (policy.allows(source, 'social')) return null;
    return providerTermsMessage(policy.rule(source).attribution ?? 'provider');
  }

  /** Serializes posts for one viewer: owners, activities, counts and tracks read once per page. */
  async function view(rows: PostRecord[], viewerId: string | null, relationOf: (authorId: string) => Promise<Relation>) {
    const authorIds = [...new Set(rows.map((r) => r.authorId))];
    const names = new Map((await repo.names(authorIds)).map((n) => [n.id, n]));
    const owners = new Map<string, Owner>();
    const rels = new Map<string, Relation>();
    for (const id of authorIds) {
      rels.set(id, await relationOf(id));
      owners.set(id, { id, displayName: names.get(id)?.displayName ?? '', settings: await relations.settings(id), zones: [] });
    }
    const facts = new Map((await repo.activityFacts(rows.flatMap((r) => (r.activityId ? [r.activityId] : [])))).map((f) => [f.id, f]));
    const counts = new Map(
      (
        await repo.counts(
          rows.map((r) => r.id),
          viewerId,
        )
      ).map((c) => [c.id, c]),
    );
    const policy = await deps.policy();
    const zonesLoaded = new Set<string>();
    const out: PostView[] = [];
    for (const post of rows) {
      const owner = owners.get(post.authorId)!;
      const relation = rels.get(post.authorId)!;
      if (!canSee(post, owner.settings, relation)) continue;
      const f = post.activityId ? facts.get(post.activityId) : undefined;
      // Provider terms at read time too: a source the social use forbids never reaches another account.
      if (f && relation.kind !== 'self' && !policy.allows(f.source, 'social')) continue;
      const mapWanted = f && (relation.kind === 'self' || !(owner.settings.hideMap || post.hideMap || owner.settings.hideWholeMap));
      if (mapWanted && relation.kind !== 'self' && !zonesLoaded.has(owner.id)) {
        owner.zones = await repo.zones(owner.id);
        zonesLoaded.add(owner.id);
      }
      const activity: ActivityFacts | null = f ? { ...f, track: mapWanted ? await repo.track(f.id) : null } : null;
      const c = counts.get(post.id);
      const v = await serializePost({
        post,
        owner,
        activity,
        relation,
        counts: { kudos: c?.kudos ?? 0, mine: c?.mine ?? false, comments: c?.comments ?? 0 },
        secret: deps.zoneSecret,
      });
      if (v) out.push(v);
    }
    return out;
  }

  /** The post as the viewer sees it, or 404 (not visible is not found). */
  async function visible(viewerId: string | null, id: string) {
    const post = await repo.byId(id);
    if (!post) throw notFound();
    const relation = await relations.between(viewerId, post.authorId);
    const [v] = await view([post], viewerId, async () => relation);
    if (!v) throw notFound();
    return { post, view: v, relation };
  }

  const single = (viewerId: string, id: string) => visible(viewerId, id).then((x) => x.view);

  /** Tells each person named in `text` who may see the post, never across a block (with the writer or the author). */
  async function notifyMentions(text: string | null | undefined, post: PostRecord, by: Viewer, where: string) {
    for (const id of mentionedIds(text ?? '').filter((m) => m !== by.id)) {
      const toWriter = await relations.between(id, by.id);
      if (toWriter.kind === 'blocked') continue;
      const back = await relations.between(by.id, id);
      if (toWriter.kind !== 'follower' && back.kind !== 'follower') continue;
      const toAuthor = await relations.between(id, post.authorId);
      if (!canSee(post, await relations.settings(post.authorId), toAuthor)) continue;
      await deps.notify.notify({
        userId: id,
        type: 'social.mention',
        dedupeKey: `social.mention:${where}:${id}`,
        data: { postId: post.id, byName: by.displayName.slice(0, 200), postTitle: post.title, excerpt: (text ?? '').slice(0, 280) },
      });
    }
  }

  return {
    async composer(viewer: Viewer, activityId: string): Promise<ComposerState> {
      const a = await repo.ownActivity(viewer.id, activityId);
      if (!a) throw new AppError(ErrorCode.NOT_FOUND, 'No such activity.');
      const settings = await relations.settings(viewer.id);
      const postId = (await repo.byActivity(a.id)) ?? null;
      const terms = await termsRefusal(a.source);
      const suspended = settings.suspendedUntil && settings.suspendedUntil > deps.clock.now();
      const reason = terms
        ? { code: ErrorCode.PROVIDER_TERMS, message: terms }
        : suspended
          ? { code: ErrorCode.SUSPENDED, message: 'Your account is suspended from sharing for now.' }
          : postId
            ? { code: 'ALREADY_SHARED', message: 'This activity is already in your log.' }
            : null;
      return {
        activityId: a.id,
        canShare: reason === null,
        reason,
        postId,
        defaults: { visibility: settings.defaultPostVisibility as never, title: a.name },
      };
    },

    async create(viewer: Viewer, body: CreatePostBody): Promise<PostView> {
      await refuseSuspended(viewer.id);
      const settings = await relations.settings(viewer.id);
      const visibility = body.visibility ?? (settings.defaultPostVisibility as 'public' | 'followers' | 'private');
      const hides = {
        hideMap: body.hideMap ?? false,
        hideHeartRate: body.hideHeartRate ?? false,
        hidePacePower: body.hidePacePower ?? false,
        hideNotes: body.hideNotes ?? false,
      };
      let values: Omit<NewPost, 'authorId' | 'visibility'>;
      if ('activityId' in body) {
        const a = await repo.ownActivity(viewer.id, body.activityId);
        if (!a) throw new AppError(ErrorCode.NOT_FOUND, 'No such activity.');
        const terms = await termsRefusal(a.source);
        if (terms) throw new AppError(ErrorCode.PROVIDER_TERMS, terms);
        values = {
          kind: 'activity',
          activityId: a.id,
          title: body.title ?? a.name.slice(0, 200),
          body: body.description ?? null,
          dayAt: a.startTime,
        };
      } else {
        // Noon UTC: the entry's date stays the same day in every zone a viewer reads it in but the farthest few.
        values = {
          kind: 'entry',
          activityId: null,
          title: body.title,
          body: body.text ?? null,
          sport: body.sport,
          durationS: body.durationS ?? null,
          distanceM: body.distanceM ?? null,
          dayAt: new Date(`${body.date}T12:00:00Z`),
        };
      }
      await take(viewer.id, 'post');
      const row = await repo.insert({ ...values, authorId: viewer.id, rpe: body.rpe ?? null, visibility, ...hides });
      if (!row) throw new AppError(ErrorCode.CONFLICT, 'This activity is already in your log.');
      await notifyMentions(row.body, row, viewer, `post:${row.id}`);
      return single(viewer.id, row.id);
    },

    async update(viewer: Viewer, id: string, body: UpdatePostBody): Promise<PostView> {
      const { text, ...rest } = body;
      const patch: PostPatch = { ...rest, ...(text !== undefined ? { body: text } : {}) };
      if (!(await repo.update(viewer.id, id, patch))) throw notFound();
      return single(viewer.id, id);
    },

    async remove(viewer: Viewer, id: string) {
      if (!(await repo.remove(viewer.id, id))) throw notFound();
      return { ok: true as const };
    },

    get: (viewerId: string | null, id: string) => visible(viewerId, id).then((x) => x.view),

    async feed(viewer: Viewer, cursor: string | undefined): Promise<FeedPage> {
      const after = cursor ? decodeCursor(cursor) : null;
      const muted = new Set(await repo.mutedBy(viewer.id));
      const authors = [viewer.id, ...(await relations.followees(viewer.id)).filter((id) => !muted.has(id))];
      const rows = await repo.feed(viewer.id, authors, after, FEED_PAGE);
      const posts = await view(rows, viewer.id, async (id) => (id === viewer.id ? SELF : FOLLOWER));
      const dayOf = localDater(viewer.timeZone);
      const days: FeedPage['days'] = [];
      for (const p of posts) {
        const day = dayOf(new Date(p.dayAt));
        if (days.at(-1)?.day === day) days.at(-1)!.posts.push(p);
        else days.push({ day, posts: [p] });
      }
      const lastRow = rows.at(-1);
      return { days, nextCursor: rows.length === FEED_PAGE && lastRow ? encodeCursor(lastRow.key) : null };
    },

    async giveKudos(viewer: Viewer, id: string): Promise<KudosList> {
      await refuseSuspended(viewer.id);
      const { post } = await visible(viewer.id, id);
      await take(viewer.id, 'kudos');
      const added = await repo.giveKudos(id, viewer.id);
      if (added.length > 0 && post.authorId !== viewer.id)
        await deps.notify.notify({
          userId: post.authorId,
          type: 'social.kudos',
          dedupeKey: `social.kudos:${id}:${viewer.id}`,
          data: { postId: id, byName: viewer.displayName.slice(0, 200), postTitle: post.title },
        });
      return this.kudos(viewer.id, id);
    },

    async takeKudos(viewer: Viewer, id: string): Promise<KudosList> {
      await visible(viewer.id, id);
      await repo.takeKudos(id, viewer.id);
      return this.kudos(viewer.id, id);
    },

    /** Who gave kudos, minus anyone blocked either way with the viewer. */
    async kudos(viewerId: string | null, id: string): Promise<KudosList> {
      await visible(viewerId, id);
      const blocked = new Set(viewerId ? await relations.blockedEitherWay(viewerId) : []);
      const people = (await repo.kudosGivers(id)).filter((p) => !blocked.has(p.id)).map(person);
      return { count: people.length, people };
    },

    async comments(viewerId: string | null, id: string): Promise<{ comments: CommentView[] }> {
      const { post } = await visible(viewerId, id);
      const blocked = new Set(viewerId ? await relations.blockedEitherWay(viewerId) : []);
      const comments = (await repo.comments(id))
        .filter((r) => !blocked.has(r.author.id))
        .flatMap((r) => serializeComment({ comment: r.comment, author: r.author, postAuthorId: post.authorId, viewerId }) ?? []);
      return { comments };
    },

    async addComment(viewer: Viewer, id: string, body: string): Promise<CommentView> {
      await refuseSuspended(viewer.id);
      const { post } = await visible(viewer.id, id);
      await take(viewer.id, 'comment');
      const c = await repo.addComment(id, viewer.id, body);
      if (post.authorId !== viewer.id)
        await deps.notify.notify({
          userId: post.authorId,
          type: 'social.comment',
          dedupeKey: `social.comment:${c.id}`,
          data: { postId: id, byName: viewer.displayName.slice(0, 200), postTitle: post.title, excerpt: body.slice(0, 280) },
        });
      await notifyMentions(body, post, viewer, `comment:${c.id}`);
      return serializeComment({ comment: c, author: viewer, postAuthorId: post.authorId, viewerId: viewer.id })!;
    },

    async removeComment(viewer: Viewer, commentId: string) {
      const c = await repo.comment(commentId);
      if (!c || (c.authorId !== viewer.id && c.postAuthorId !== viewer.id)) throw new AppError(ErrorCode.NOT_FOUND, 'No such comment.');
      await repo.removeComment(commentId);
      return { ok: true as const };
    },
  };
}
export type PostsService = ReturnType<typeof createPostsService>;
