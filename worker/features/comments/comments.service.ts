// A conversation on training between an athlete and the coaching org they share with (ADR 056). A thread
// is (athlete, org, subject); the athlete sees one per org, a coach only their org's, and only while the
// link stands (the coach side is resolved by coach-os before it gets here). An activity whose source keeps
// it from coaches (Strava's) has no conversation, and both sides are told why.
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../lib/errors';
import { fixedPolicy, type PolicyRef } from '../activities';
import type { Notifier } from '../notifications';
import * as repo from './comments.repo';
import type { CommentRow, SubjectRef } from './comments.repo';
import { type AthleteThreads, type Comment, type CoachThread, EDIT_WINDOW_MINUTES, type Thread } from './comments.schema';

export type { SubjectRef } from './comments.repo';

/** Who is reading or writing: the athlete themself, or a coach of an org the athlete shares with now. */
export type CommentViewer =
  | { side: 'athlete'; userId: string }
  | { side: 'coach'; userId: string; orgId: string; orgName: string; athleteId: string; clientId: string };

const WINDOW_MS = EDIT_WINDOW_MINUTES * 60_000;
const EXCERPT = 280;

export function createCommentsService(deps: { db: Db; clock: Clock; notify: Notifier; policy?: PolicyRef }) {
  const policyRef = deps.policy ?? fixedPolicy();
  const athleteOf = (v: CommentViewer) => (v.side === 'athlete' ? v.userId : v.athleteId);

  /** Why the coach may not see this subject (the source's rule), or null. */
  async function notShared(source: string | null): Promise<string | null> {
    if (!source) return null;
    const policy = await policyRef();
    const src = source as Parameters<typeof policy.allows>[0];
    if (policy.allows(src, 'coach')) return null;
    return `This activity came from ${src === 'strava' ? 'Strava' : src}, whose terms let only the athlete see it, so there is no conversation with a coach on it.`;
  }

  /** The subject, or a 404; for a coach, also a 404 (saying why) when its source keeps it from coaches. */
  async function subjectFor(v: CommentViewer, s: SubjectRef) {
    const row = await repo.subject(deps.db, athleteOf(v), s);
    if (!row) throw notFound(s.kind === 'activity' ? 'Activity' : 'Workout');
    const reason = await notShared(row.source);
    if (reason && v.side === 'coach') throw new AppError(ErrorCode.NOT_FOUND, reason, { reason: ErrorReason.SOURCE_NOT_SHARED });
    return { subject: { kind: s.kind, id: s.id, title: row.title, date: row.date }, reason };
  }

  const present = (v: CommentViewer, r: CommentRow): Comment => {
    const mine = r.authorUserId === v.userId;
    const until = r.createdAt.getTime() + WINDOW_MS;
    return {
      id: r.id,
      author: { id: r.authorUserId, name: r.authorName, role: r.authorRole as 'athlete' | 'coach' },
      body: r.deletedAt ? null : r.body,
      deleted: r.deletedAt !== null,
      mine,
      createdAt: r.createdAt.toISOString(),
      editedAt: r.editedAt?.toISOString() ?? null,
      editableUntil: mine && !r.deletedAt && deps.clock.now().getTime() < until ? new Date(until).toISOString() : null,
    };
  };

  async function threadOf(v: CommentViewer, orgId: string, orgName: string, s: SubjectRef, canPost: boolean): Promise<Thread> {
    const athleteId = athleteOf(v);
    const [rows, unread] = await Promise.all([
      repo.thread(deps.db, athleteId, orgId, s),
      repo.unread(deps.db, v.userId, athleteId, orgId, s),
    ]);
    return { orgId, orgName, unread, canPost, comments: rows.map((r) => present(v, r)) };
  }

  /** The athlete's org for a thread: one they share with now, else 404. */
  async function athleteOrg(userId: string, orgId: string) {
    const org = (await repo.sharingOrgs(deps.db, userId)).find((o) => o.orgId === orgId);
    if (!org) throw notFound('Coach');
    return org;
  }

  /** A comment the viewer may see, or 404; `own` also demands they wrote it (403 otherwise: they can see it). */
  async function visible(v: CommentViewer, id: string) {
    const row = await repo.byId(deps.db, id);
    const inScope =
      row && (v.side === 'athlete' ? row.athleteUserId === v.userId : row.athleteUserId === v.athleteId && row.orgId === v.orgId);
    if (!row || !inScope) throw notFound('Comment');
    if (row.authorUserId !== v.userId) throw new AppError(ErrorCode.FORBIDDEN, 'Only its author can change or delete a comment.');
    return row;
  }

  /** Tells the other side, after the comment has committed; a failed notice never fails the comment. */
  async function tellOtherSide(
    v: CommentViewer,
    orgId: string,
    s: SubjectRef,
    subject: { title: string; date: string },
    commentId: string,
    body: string,
    authorName: string,
  ) {
    const athleteId = athleteOf(v);
    const excerpt = body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body;
    const base = { subjectKind: s.kind, subjectTitle: subject.title.slice(0, 200), authorName: authorName.slice(0, 200), excerpt };
    if (v.side === 'coach') {
      const link =
        s.kind === 'activity' ? `/activities/${s.id}#comments` : `/training?view=week&date=${subject.date}&workout=${s.id}#comments`;
      await deps.notify.notify({ userId: athleteId, type: 'comment.posted', dedupeKey: `comment:${commentId}`, data: { ...base, link } });
      return;
    }
    const org = (await repo.sharingOrgs(deps.db, athleteId)).find((o) => o.orgId === orgId);
    if (!org) return;
    const link = `/coach/clients/${org.clientId}/${s.kind === 'activity' ? 'activities' : 'workouts'}/${s.id}#comments`;
    for (const userId of await repo.coachRecipients(deps.db, athleteId, orgId, s))
      await deps.notify.notify({ userId, type: 'comment.posted', dedupeKey: `comment:${commentId}:${userId}`, data: { ...base, link } });
  }

  return {
    /** The athlete's threads on their activity or workout: one per org they share with. */
    async forAthlete(userId: string, s: SubjectRef): Promise<AthleteThreads> {
      const v: CommentViewer = { side: 'athlete', userId };
      const { subject, reason } = await subjectFor(v, s);
      const orgs = reason ? [] : await repo.sharingOrgs(deps.db, userId);
      return { subject, notShared: reason, threads: await Promise.all(orgs.map((o) => threadOf(v, o.orgId, o.orgName, s, true))) };
    },

    /** A coach's thread with their client on the client's activity or workout. */
    async forCoach(v: Extract<CommentViewer, { side: 'coach' }>, s: SubjectRef): Promise<CoachThread> {
      const { subject } = await subjectFor(v, s);
      return { subject, thread: await threadOf(v, v.orgId, v.orgName, s, true) };
    },

    /** Posts a comment in the viewer's thread (the athlete names the org) and tells the other side. */
    async post(v: CommentViewer, s: SubjectRef, body: string, athleteOrgId?: string): Promise<Comment> {
      const { subject, reason } = await subjectFor(v, s);
      const orgId = v.side === 'coach' ? v.orgId : (await athleteOrg(v.userId, athleteOrgId ?? '')).orgId;
      if (reason) throw new AppError(ErrorCode.FORBIDDEN, reason, { reason: ErrorReason.SOURCE_NOT_SHARED });
      const id = await repo.insert(deps.db, {
        athleteId: athleteOf(v),
        orgId,
        subject: s,
        authorId: v.userId,
        authorRole: v.side,
        body,
        now: deps.clock.now(),
      });
      // Writing is reading: the author has seen everything up to their own comment.
      await repo.markRead(deps.db, v.userId, orgId, s, deps.clock.now());
      const row = (await repo.byId(deps.db, id))!;
      await tellOtherSide(v, orgId, s, subject, id, body, row.authorName);
      return present(v, row);
    },

    /** Changes the words of the viewer's own comment, within EDIT_WINDOW_MINUTES of posting it. */
    async edit(v: CommentViewer, id: string, body: string): Promise<Comment> {
      const row = await visible(v, id);
      if (row.deletedAt) throw new AppError(ErrorCode.CONFLICT, 'This comment was deleted.');
      if (deps.clock.now().getTime() >= row.createdAt.getTime() + WINDOW_MS)
        throw new AppError(ErrorCode.CONFLICT, `A comment can be edited for ${EDIT_WINDOW_MINUTES} minutes after posting it.`, {
          reason: ErrorReason.EDIT_WINDOW_CLOSED,
        });
      await repo.edit(deps.db, id, v.userId, body, deps.clock.now());
      return present(v, (await repo.byId(deps.db, id))!);
    },

    /** Deletes the viewer's own comment, leaving a "comment deleted" placeholder; deleting it again changes nothing. */
    async remove(v: CommentViewer, id: string): Promise<Comment> {
      await visible(v, id);
      await repo.softDelete(deps.db, id, v.userId, deps.clock.now());
      return present(v, (await repo.byId(deps.db, id))!);
    },

    /** Marks the viewer's thread read up to now. */
    async read(v: CommentViewer, s: SubjectRef, athleteOrgId?: string): Promise<{ unread: number }> {
      await subjectFor(v, s);
      const orgId = v.side === 'coach' ? v.orgId : (await athleteOrg(v.userId, athleteOrgId ?? '')).orgId;
      await repo.markRead(deps.db, v.userId, orgId, s, deps.clock.now());
      return { unread: await repo.unread(deps.db, v.userId, athleteOf(v), orgId, s) };
    },
  };
}

export type CommentsService = ReturnType<typeof createCommentsService>;
