// A coach's side of the conversations on a linked client's training (ADR 056): only while the athlete shares
// with this org (read on every call, so a revocation counts at once); anyone else's client, an unlinked one or
// a revoked link is a 404. The thread's rules are the comments feature's.
import type { Db } from '../../../db/client';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { CommentsService, CommentViewer, SubjectRef } from '../../comments';
import type { ClientRow } from '../coach-os.repo';
import type { Member } from '../coach-os.service';
import { createAthleteLinkRepo } from './athlete-link.repo';

type CoachViewer = Extract<CommentViewer, { side: 'coach' }>;

export function createClientCommentsService(deps: {
  db: Db;
  /** The org's client, or a 404 for anyone else's. */
  clientOf: (m: Member, clientId: string) => Promise<ClientRow>;
  comments: CommentsService;
}) {
  async function viewerOf(m: Member, clientId: string): Promise<CoachViewer> {
    await deps.clientOf(m, clientId);
    const live = await createAthleteLinkRepo(deps.db).liveOfClient(m.org.id, clientId);
    const athleteId = live?.link.status === 'accepted' ? live.link.athleteUserId : null;
    if (!athleteId) throw new AppError(ErrorCode.NOT_FOUND, 'This client has not shared their training with you.');
    return { side: 'coach', userId: m.actor.id, orgId: m.org.id, orgName: m.org.name, athleteId, clientId };
  }
  return {
    thread: async (m: Member, clientId: string, s: SubjectRef) => deps.comments.forCoach(await viewerOf(m, clientId), s),
    post: async (m: Member, clientId: string, s: SubjectRef, body: string) => deps.comments.post(await viewerOf(m, clientId), s, body),
    read: async (m: Member, clientId: string, s: SubjectRef) => deps.comments.read(await viewerOf(m, clientId), s),
    edit: async (m: Member, clientId: string, id: string, body: string) => deps.comments.edit(await viewerOf(m, clientId), id, body),
    remove: async (m: Member, clientId: string, id: string) => deps.comments.remove(await viewerOf(m, clientId), id),
  };
}

export type ClientCommentsService = ReturnType<typeof createClientCommentsService>;
