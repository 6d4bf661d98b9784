// The athlete's onboarding answers: read (with the plan request they suggest) and saved. Every question
// is optional; dates are checked against the athlete's own calendar.
import type { Executor } from '../../../db/executor';
import { todayIn } from '../../../lib/dates';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { Athlete } from '../../analytics';
import { answersFrom, type IntakeAnswers, isThin, suggestedRequest } from './intake.calc';
import { createIntakeRepo } from './intake.repo';
import type { IntakeInput } from './intake.schema';
import { createPlanFitness, type FitnessDeps } from './plan-fitness';

export function createIntakeService(deps: FitnessDeps) {
  const repo = () => createIntakeRepo(deps.db);
  const fitness = createPlanFitness(deps);
  // Whether the baseline questions matter: while history is thin, the answers are what a plan starts from.
  const view = async (a: Athlete, answers: IntakeAnswers | null) => {
    const history = await fitness.history(a);
    const thin = isThin(history.summary);
    const hours = history.fitness.weeklyHours;
    const recent = thin ? null : hours.run + hours.bike + hours.swim;
    return {
      answers,
      suggestedRequest: answers ? suggestedRequest(answers, todayIn(a.timeZone, deps.clock.now()), recent) : null,
      thinHistory: thin,
    };
  };

  return {
    /**
     * Operators: forget the athlete's onboarding answers, so the questionnaire asks them again (a plan
     * already made keeps its inputs). `record` audits in the same transaction; nothing to forget changes nothing.
     */
    async reset(userId: string, record: (tx: Executor, answeredAt: Date) => Promise<void>): Promise<{ answeredAt: Date | null }> {
      return deps.db.transaction(async (tx) => {
        const answeredAt = await createIntakeRepo(tx).clear(userId);
        if (answeredAt) await record(tx, answeredAt);
        return { answeredAt };
      });
    },

    async get(a: Athlete) {
      return view(a, await repo().answers(a.id));
    },

    /** Replaces the athlete's answers (the same answers twice: one row, the same answers). */
    async save(a: Athlete, input: IntakeInput) {
      const now = deps.clock.now();
      const today = todayIn(a.timeZone, now);
      const fields: { path: string; message: string }[] = [];
      if (input.returnDate && input.returnDate > today)
        fields.push({ path: 'returnDate', message: 'The return date can’t be in the future.' });
      if (input.goal?.eventDate && input.goal.eventDate <= today)
        fields.push({ path: 'goal.eventDate', message: 'The event must be after today.' });
      if (input.goal?.kind === 'general_fitness' && input.goal.eventDate)
        fields.push({ path: 'goal.eventDate', message: 'General fitness has no event date.' });
      if (fields.length) throw new AppError(ErrorCode.VALIDATION, fields[0]!.message, { fields });
      const answers = answersFrom(input, now);
      await repo().save(a.id, answers, now);
      return view(a, answers);
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
