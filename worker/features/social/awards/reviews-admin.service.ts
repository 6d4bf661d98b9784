// The operator's decision on a leaderboard review (ADR 084, the `moderation` permission): accepted, the activity
// counts for boards and achievements from the next re-evaluation on (never past a provider's terms); declined, the
// athlete reads the reason beside the exclusion. Once, audited with the reason, in one transaction.
import type { Db } from '../../../db/client';
import { refuseWhileImpersonating } from '../../../http/guards';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { Actor, AuditService } from '../../audit';
import type { ReviewDecideInput } from './awards.schema';
import { requeue } from './judgments.repo';
import { type AdminReviewRow, createReviewsAdminRepo } from './reviews-admin.repo';
import { EXCLUSION_CODES, type ExclusionCode } from '../leaderboard-eligibility';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const CODES: ReadonlySet<string> = new Set(EXCLUSION_CODES);

const present = (r: AdminReviewRow) => ({
  id: r.id,
  status: r.status,
  note: r.note,
  createdAt: iso(r.createdAt)!,
  decidedAt: iso(r.decidedAt),
  decisionReason: r.decisionReason,
  athlete: { id: r.userId, displayName: r.displayName },
  activity: {
    id: r.activityId,
    name: r.name,
    sport: r.sport,
    startTime: iso(r.startTime)!,
    exclusion: r.exclusion && CODES.has(r.exclusion) ? (r.exclusion as ExclusionCode) : null,
  },
});

export function createReviewsAdminService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  return {
    async queue() {
      return { reviews: (await createReviewsAdminRepo(deps.db).queue(100)).map(present) };
    },

    async decide(actor: Actor, id: string, input: ReviewDecideInput) {
      refuseWhileImpersonating(actor, 'moderate');
      const now = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const repo = createReviewsAdminRepo(tx);
        const r = await repo.decide(id, input.decision, input.reason, actor.id, now);
        if (!r) {
          if (!(await repo.exists(id))) throw notFound('Review');
          throw new AppError(ErrorCode.CONFLICT, 'This review is decided already.');
        }
        // Accepted: their awards and open board week are evaluated again with the activity counted.
        if (input.decision === 'accepted') await requeue(tx, r.userId);
        await deps.audit.record(
          {
            actor,
            action: `leaderboard.review_${input.decision}`,
            target: { type: 'user', id: r.userId },
            payload: { reason: input.reason, reviewId: r.id, activityId: r.activityId },
          },
          tx,
        );
        return { id: r.id, activityId: r.activityId, status: input.decision, decisionReason: input.reason, decidedAt: now.toISOString() };
      });
    },
  };
}
export type ReviewsAdminService = ReturnType<typeof createReviewsAdminService>;
