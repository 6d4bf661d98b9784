// Plan templates (ADR 058): an org's block of weeks built from its library workouts, applied to many clients
// at once. Each client gets its own transaction (the application row and the block as ONE workout-control
// change, so one undo removes it), idempotent per (template, client, start): a second apply changes nothing.
import type { Db } from '../../db/client';
import { addDays, mondayOf } from '../../lib/dates';
import { AppError, ErrorCode, notFound } from '../../lib/errors';
import type { ChangeBy, WorkoutControl } from '../plans';
import { createLibraryRepo, type LibraryRow, type TemplateRow } from './library.repo';
import type { TemplateInput } from './library.schema';
import { asNewWorkout } from './library.service';

/** What a template keeps of each item: where it goes and the workout as it was when the template was saved. */
export interface StoredItem {
  week: number;
  weekday: number;
  libraryWorkoutId: string;
  workout: LibraryRow;
}

/** The day an item lands on: week 1 starts on the client's start (a Monday); weekday 0 is Monday. */
export const itemDate = (startDate: string, week: number, weekday: number) => addDays(startDate, (week - 1) * 7 + weekday);

export type ApplyOutcome =
  | { clientId: string; startDate: string; status: 'applied' | 'already_applied'; workouts: number; changeId: string | null }
  | { clientId: string; startDate: string; status: 'failed'; error: { code: string; message: string; reason?: string } };

interface Deps {
  db: Db;
  workoutControl: Pick<WorkoutControl, 'addBlock'>;
}

export function createTemplatesService(deps: Deps) {
  const repo = () => createLibraryRepo(deps.db);

  return {
    /** Saves the block with a copy of each library workout (later edits to the library do not move applied blocks). */
    async create(orgId: string, actorId: string, input: TemplateInput): Promise<TemplateRow> {
      const ids = [...new Set(input.items.map((i) => i.libraryWorkoutId))];
      const found = new Map((await repo().many({ orgId }, ids)).map((w) => [w.id, w]));
      if (found.size !== ids.length) throw notFound('Library workout');
      const items: StoredItem[] = input.items
        .map((i) => ({ ...i, workout: found.get(i.libraryWorkoutId)! }))
        .sort((a, b) => a.week - b.week || a.weekday - b.weekday);
      return repo().insertTemplate({ orgId, createdBy: actorId, name: input.name, weeks: input.weeks, items });
    },

    list: (orgId: string) => repo().templates(orgId),

    async get(orgId: string, id: string) {
      const t = await repo().template(orgId, id);
      if (!t) throw notFound('Template');
      return t;
    },

    /**
     * Applies the template to each client from their start, one after another, each in its own transaction;
     * `editor` is the coach's right to change that client's plan (link, grant, Team), checked per client.
     * A client's refusal is its result, not the batch's.
     */
    async apply(
      orgId: string,
      templateId: string,
      clients: { clientId: string; startDate: string }[],
      editor: (clientId: string) => Promise<{ by: ChangeBy; planId: string }>,
    ): Promise<ApplyOutcome[]> {
      const t = await this.get(orgId, templateId);
      const items = t.items as StoredItem[];
      const out: ApplyOutcome[] = [];
      for (const { clientId, startDate } of clients) {
        try {
          if (mondayOf(startDate) !== startDate)
            throw new AppError(ErrorCode.VALIDATION, 'A template starts on a Monday.', {
              fields: [{ path: 'startDate', message: 'Pick a Monday' }],
            });
          const { by, planId } = await editor(clientId);
          const inputs = items.map((i) => asNewWorkout(i.workout, itemDate(startDate, i.week, i.weekday)));
          out.push(
            await deps.db.transaction(async (tx) => {
              const r = createLibraryRepo(tx);
              const claimed = await r.claimApplication({ templateId, clientId, startDate, planId, workouts: inputs.length });
              if (!claimed) {
                const before = (await r.application(templateId, clientId, startDate))!;
                return { clientId, startDate, status: 'already_applied' as const, workouts: before.workouts, changeId: before.changeId };
              }
              const change = await deps.workoutControl.addBlock({ ...by, reason: by.reason ?? `Template “${t.name}”` }, planId, inputs, {
                action: 'template',
                how: `From the template “${t.name}”`,
                within: tx,
              });
              await r.recordApplied(templateId, clientId, startDate, planId, change.id);
              return { clientId, startDate, status: 'applied' as const, workouts: inputs.length, changeId: change.id };
            }),
          );
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          const reason = e.details?.reason;
          out.push({ clientId, startDate, status: 'failed', error: { code: e.code, message: e.message, ...(reason ? { reason } : {}) } });
        }
      }
      return out;
    },
  };
}
export type TemplatesService = ReturnType<typeof createTemplatesService>;
