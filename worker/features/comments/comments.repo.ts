// The only SQL on training comments: the subject a thread hangs off (the athlete's activity or workout), the
// orgs an athlete shares with, a thread's comments and read marks, and who on the coach side hears of a comment.
import { and, asc, eq, gt, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import {
  activities,
  athleteLinks,
  orgMembers,
  orgs,
  plannedWorkouts,
  trainingCommentReads,
  trainingComments,
  users,
} from '../../db/schema';
import type { ActivitySource } from '../activities';

export type SubjectKind = 'activity' | 'workout';
export interface SubjectRef {
  kind: SubjectKind;
  id: string;
}
export type CommentRow = Awaited<ReturnType<typeof thread>>[number];

const onSubject = (t: typeof trainingComments | typeof trainingCommentReads, s: SubjectRef): SQL =>
  s.kind === 'activity' ? eq(t.activityId, s.id) : eq(t.plannedWorkoutId, s.id);
const subjectColumns = (s: SubjectRef) =>
  s.kind === 'activity' ? { activityId: s.id, plannedWorkoutId: null } : { activityId: null, plannedWorkoutId: s.id };

/** The athlete's activity or workout the thread is about; undefined when it is not theirs. */
export async function subject(
  db: Executor,
  athleteId: string,
  s: SubjectRef,
): Promise<{ title: string; date: string; source: ActivitySource | null } | undefined> {
  if (s.kind === 'activity') {
    const [row] = await db
      .select({ title: activities.name, date: activities.localStartDate, source: activities.source })
      .from(activities)
      .where(and(eq(activities.userId, athleteId), eq(activities.id, s.id)));
    return row;
  }
  const [row] = await db
    .select({ title: plannedWorkouts.title, date: plannedWorkouts.date })
    .from(plannedWorkouts)
    .where(and(eq(plannedWorkouts.userId, athleteId), eq(plannedWorkouts.id, s.id)));
  return row && { ...row, source: null };
}

/** The orgs the athlete shares their training with now (accepted links), with the client each knows them as. */
export function sharingOrgs(db: Executor, athleteId: string) {
  return db
    .select({ orgId: orgs.id, orgName: orgs.name, clientId: athleteLinks.clientId, requestedBy: athleteLinks.requestedBy })
    .from(athleteLinks)
    .innerJoin(orgs, eq(orgs.id, athleteLinks.orgId))
    .where(and(eq(athleteLinks.athleteUserId, athleteId), eq(athleteLinks.status, 'accepted')))
    .orderBy(asc(orgs.name));
}

/** A comment as the service reads it: its row and its author's name. */
const COMMENT_ROW = {
  id: trainingComments.id,
  athleteUserId: trainingComments.athleteUserId,
  orgId: trainingComments.orgId,
  activityId: trainingComments.activityId,
  plannedWorkoutId: trainingComments.plannedWorkoutId,
  authorUserId: trainingComments.authorUserId,
  authorRole: trainingComments.authorRole,
  authorName: users.displayName,
  body: trainingComments.body,
  createdAt: trainingComments.createdAt,
  editedAt: trainingComments.editedAt,
  deletedAt: trainingComments.deletedAt,
};

/** One org's thread on a subject, oldest first, with each author's name. */
export function thread(db: Executor, athleteId: string, orgId: string, s: SubjectRef) {
  return db
    .select(COMMENT_ROW)
    .from(trainingComments)
    .innerJoin(users, eq(users.id, trainingComments.authorUserId))
    .where(and(eq(trainingComments.athleteUserId, athleteId), eq(trainingComments.orgId, orgId), onSubject(trainingComments, s)))
    .orderBy(asc(trainingComments.createdAt), asc(trainingComments.id));
}

export async function byId(db: Executor, id: string) {
  const [row] = await db
    .select(COMMENT_ROW)
    .from(trainingComments)
    .innerJoin(users, eq(users.id, trainingComments.authorUserId))
    .where(eq(trainingComments.id, id));
  return row;
}

export async function insert(
  db: Executor,
  v: { athleteId: string; orgId: string; subject: SubjectRef; authorId: string; authorRole: 'athlete' | 'coach'; body: string; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(trainingComments)
    .values({
      athleteUserId: v.athleteId,
      orgId: v.orgId,
      ...subjectColumns(v.subject),
      authorUserId: v.authorId,
      authorRole: v.authorRole,
      body: v.body,
      createdAt: v.now,
    })
    .returning({ id: trainingComments.id });
  return row!.id;
}

/** Changes the words of a live comment of the author's; false when there is none to change. */
export async function edit(db: Executor, id: string, authorId: string, body: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(trainingComments)
    .set({ body, editedAt: now })
    .where(and(eq(trainingComments.id, id), eq(trainingComments.authorUserId, authorId), isNull(trainingComments.deletedAt)))
    .returning({ id: trainingComments.id });
  return rows.length > 0;
}

/** Soft delete: the row stays as the placeholder, its words gone. */
export async function softDelete(db: Executor, id: string, authorId: string, now: Date): Promise<void> {
  await db
    .update(trainingComments)
    .set({ body: '', deletedAt: now })
    .where(and(eq(trainingComments.id, id), eq(trainingComments.authorUserId, authorId), isNull(trainingComments.deletedAt)));
}

export async function markRead(db: Executor, userId: string, orgId: string, s: SubjectRef, now: Date): Promise<void> {
  await db
    .insert(trainingCommentReads)
    .values({ userId, orgId, ...subjectColumns(s), readAt: now })
    .onConflictDoUpdate({
      target: [
        trainingCommentReads.userId,
        trainingCommentReads.orgId,
        s.kind === 'activity' ? trainingCommentReads.activityId : trainingCommentReads.plannedWorkoutId,
      ],
      set: { readAt: sql`greatest(${trainingCommentReads.readAt}, excluded.read_at)` },
    });
}

/** Live comments by others in one org's thread that the reader has not read. */
export async function unread(db: Executor, readerId: string, athleteId: string, orgId: string, s: SubjectRef): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(trainingComments)
    .leftJoin(
      trainingCommentReads,
      and(eq(trainingCommentReads.userId, readerId), eq(trainingCommentReads.orgId, orgId), onSubject(trainingCommentReads, s)),
    )
    .where(
      and(
        eq(trainingComments.athleteUserId, athleteId),
        eq(trainingComments.orgId, orgId),
        onSubject(trainingComments, s),
        ne(trainingComments.authorUserId, readerId),
        isNull(trainingComments.deletedAt),
        or(isNull(trainingCommentReads.readAt), gt(trainingComments.createdAt, trainingCommentReads.readAt)),
      ),
    );
  return row?.n ?? 0;
}

/**
 * The org's coaches who hear of an athlete's comment: whoever asked for the link and every coach who has
 * written in the thread, while they are still members of the org.
 */
export async function coachRecipients(db: Executor, athleteId: string, orgId: string, s: SubjectRef): Promise<string[]> {
  const authors = db
    .select({ id: trainingComments.authorUserId })
    .from(trainingComments)
    .where(and(eq(trainingComments.athleteUserId, athleteId), eq(trainingComments.orgId, orgId), onSubject(trainingComments, s)));
  const requester = db
    .select({ id: athleteLinks.requestedBy })
    .from(athleteLinks)
    .where(and(eq(athleteLinks.orgId, orgId), eq(athleteLinks.athleteUserId, athleteId), eq(athleteLinks.status, 'accepted')));
  const rows = await db
    .select({ id: orgMembers.userId })
    .from(orgMembers)
    .where(and(eq(orgMembers.orgId, orgId), or(inArray(orgMembers.userId, authors), inArray(orgMembers.userId, requester))));
  return rows.map((r) => r.id).filter((id) => id !== athleteId);
}
