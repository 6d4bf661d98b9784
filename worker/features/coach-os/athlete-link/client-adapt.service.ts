// A coached athlete's adaptive plan changes (issue 58), as their coach decides them: the changes read from what a
// coach may see wait here for an approval (as proposed, or as the coach edits them) or a refusal. The right to decide
// is the right to change the plan: the accepted link, the athlete's "may edit" and the org's Team (the editor).
import type { AdaptService, AdaptStep } from '../../plans';
import type { Member } from '../coach-os.service';
import type { ClientPlanService } from './client-plan.service';

export function createClientAdaptService(deps: {
  editor: ClientPlanService['editor'];
  adapt: Pick<AdaptService, 'list' | 'approve' | 'refuse' | 'present'>;
}) {
  return {
    async list(m: Member, clientId: string) {
      const { athlete, planId } = await deps.editor(m, clientId, undefined);
      return deps.adapt.list(athlete, planId, { coachOnly: true });
    },

    /** Applied as the coach's change (one undo), with the coach's edit of its steps when given. */
    async approve(m: Member, clientId: string, adaptationId: string, steps?: AdaptStep[]) {
      const { athlete, planId, by } = await deps.editor(m, clientId, undefined);
      const row = await deps.adapt.approve(athlete, planId, adaptationId, by, steps);
      return (await deps.adapt.present(athlete.id, [row]))[0]!;
    },

    async refuse(m: Member, clientId: string, adaptationId: string) {
      const { athlete, planId, by } = await deps.editor(m, clientId, undefined);
      const row = await deps.adapt.refuse(athlete, planId, adaptationId, by.actorId);
      return (await deps.adapt.present(athlete.id, [row]))[0]!;
    },
  };
}

export type ClientAdaptService = ReturnType<typeof createClientAdaptService>;
