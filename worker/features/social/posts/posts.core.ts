// The posts slice's shared core: the deps, the guards every write passes (suspension, provider terms, the hourly
// limits), the one path from rows to what a viewer sees (the serializer), and mention notices. The feed, posting,
// kudos and comments (their own files) are built on it; posts.service.ts puts them together.
import type { Executor, StatementExecutor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { gather } from '../../../lib/concurrency';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { PolicyRef } from '../../activities';
import { takeHourly } from '../../allowances';
import type { Notifier } from '../../notifications';
import { type Relation, type Relations, createRelations } from '../people/relations';
import { mentionedIds } from './mentions';
import { type PostsRepo, createPostsRepo } from './posts.repo';
import { type ActivityFacts, type Owner, type PostRecord, type PostView, canSee, serializePost } from './serializer';

/** Hourly limits per athlete; past one, 429 with the seconds to the next hour. */
export const LIMITS = { post: 20, comment: 60, kudos: 300 } as const;

export const providerTermsMessage = (provider: string) =>
  `This activity came through the ${provider} API, whose terms let only you see it — upload the original file or your ${provider} archive to share it.`;

export const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'No such post.');

export interface Viewer {
  id: string;
  displayName: string;
  timeZone: string;
}

export interface PostsDeps {
  db: Executor;
  clock: Clock;
  relations: Relations;
  /** Where the feed's reads run (the HTTP driver in the worker: a feed page opens no pool connection); the pool when absent. */
  readDb?: StatementExecutor | undefined;
  policy: PolicyRef;
  notify: Notifier;
  /** The privacy-zone secret (ADR 082): the cut plans are derived from it on every read. */
  zoneSecret: string;
}

export function createPostsCore(deps: PostsDeps) {
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

  /**
   * Serializes posts for one viewer: owners, activities, counts and tracks read once per page. `together`: the
   * reads are single statements over HTTP, so independent ones go out at once (on a pool each would take a
   * connection of its own, so there they go one after another).
   */
  const viewOver = (repo: PostsRepo, relations: Relations, together: boolean) =>
    async function view(rows: PostRecord[], viewerId: string | null, relationOf: (authorId: string) => Promise<Relation>) {
      const authorIds = [...new Set(rows.map((r) => r.authorId))];
      const activityIds = rows.flatMap((r) => (r.activityId ? [r.activityId] : []));
      const postIds = rows.map((r) => r.id);
      const [nameRows, settings, factRows, countRows, policy] = await gather(together, [
        () => repo.names(authorIds),
        () => relations.settingsOf(authorIds),
        () => repo.activityFacts(activityIds),
        () => repo.counts(postIds, viewerId),
        () => deps.policy(),
      ] as const);
      const names = new Map(nameRows.map((n) => [n.id, n]));
      const owners = new Map<string, Owner>();
      const rels = new Map<string, Relation>();
      for (const id of authorIds) {
        rels.set(id, await relationOf(id));
        owners.set(id, { id, displayName: names.get(id)?.displayName ?? '', settings: settings.get(id)!, zones: [] });
      }
      const facts = new Map(factRows.map((f) => [f.id, f]));
      const counts = new Map(countRows.map((c) => [c.id, c]));
      // Which posts are shown, and which of them with a map (whose owner's zones then cut the track).
      const shown: { post: PostRecord; f: (typeof factRows)[number] | undefined; mapWanted: boolean }[] = [];
      for (const post of rows) {
        const owner = owners.get(post.authorId)!;
        const relation = rels.get(post.authorId)!;
        if (!canSee(post, owner.settings, relation)) continue;
        const f = post.activityId ? facts.get(post.activityId) : undefined;
        // Provider terms at read time too: a source the social use forbids never reaches another account.
        if (f && relation.kind !== 'self' && !policy.allows(f.source, 'social')) continue;
        const mapWanted = Boolean(
          f && (relation.kind === 'self' || !(owner.settings.hideMap || post.hideMap || owner.settings.hideWholeMap)),
        );
        shown.push({ post, f, mapWanted });
      }
      const zoneOwners = [
        ...new Set(shown.filter((s) => s.mapWanted && rels.get(s.post.authorId)!.kind !== 'self').map((s) => s.post.authorId)),
      ];
      const zones = await gather(
        together,
        zoneOwners.map((id) => () => repo.zones(id)),
      );
      zoneOwners.forEach((id, i) => {
        owners.get(id)!.zones = zones[i]!;
      });
      const tracks = await gather(
        together,
        shown.map((s) => () => (s.mapWanted && s.f ? repo.track(s.f.id) : Promise.resolve(null))),
      );
      const out: PostView[] = [];
      for (const [i, { post, f }] of shown.entries()) {
        const activity: ActivityFacts | null = f ? { ...f, track: tracks[i] ?? null } : null;
        const c = counts.get(post.id);
        const v = await serializePost({
          post,
          owner: owners.get(post.authorId)!,
          activity,
          relation: rels.get(post.authorId)!,
          counts: { kudos: c?.kudos ?? 0, mine: c?.mine ?? false, comments: c?.comments ?? 0 },
          secret: deps.zoneSecret,
        });
        if (v) out.push(v);
      }
      return out;
    };
  const view = viewOver(repo, relations, false);
  // The feed's statements (followees, the page, names, settings, counts) over readDb; writes stay on the pool.
  const readRepo = deps.readDb ? createPostsRepo(deps.readDb) : repo;
  const readRelations = deps.readDb ? createRelations(deps.readDb) : relations;
  const reads = { repo: readRepo, relations: readRelations, view: viewOver(readRepo, readRelations, Boolean(deps.readDb)) };

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

  return { deps, repo, relations, reads, refuseSuspended, take, termsRefusal, view, visible, single, notifyMentions };
}
export type PostsCore = ReturnType<typeof createPostsCore>;
