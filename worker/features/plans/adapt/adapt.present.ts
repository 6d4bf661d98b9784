// A stored proposal → the API's JSON, each step in words with the workout it touches as it stands now.
import type { z } from '@hono/zod-openapi';
import type { Executor } from '../../../db/executor';
import { createPlansRepo } from '../plans.repo';
import { formatDay } from '../../../lib/format';
import type { AdaptationRow } from './adapt.repo';
import type { Adaptation } from './adapt.schema';
import type { AdaptStep } from './adapt.types';

export interface WorkoutBrief {
  title: string;
  date: string;
  durationSec: number;
}

const minutes = (s: number) => `${Math.round(s / 60)} min`;

export function stepWords(s: AdaptStep, w: WorkoutBrief | undefined): string {
  if (s.kind === 'rebuild') return `The weeks from tomorrow made again for race day ${formatDay(s.eventDate)}`;
  const name = w ? `${w.title} (${formatDay(w.date)})` : 'A workout no longer in the plan';
  switch (s.kind) {
    case 'move':
      return `${name} → ${formatDay(s.date)}`;
    case 'skip':
      return `${name}: dropped`;
    case 'adjust':
      return `${name}: ${w ? `${minutes(w.durationSec)} → ${minutes((w.durationSec * (100 + s.percent)) / 100)}` : `${s.percent} %`}`;
    case 'replace':
      return `${name}: done ${s.type.replace('_', ' ')} instead`;
    case 'retarget':
      return `${name}: work targets ${s.percent > 0 ? '+' : ''}${s.percent} %`;
  }
}

/** The engine writes days as ISO dates; the athlete reads them as the pages write them ("3 Nov 2026"). */
export const dayWords = (text: string) => text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => formatDay(d));

export const stepWorkoutId = (s: AdaptStep): string | null => (s.kind === 'rebuild' ? null : s.workoutId);

export function presentAdaptation(row: AdaptationRow, workouts: Map<string, WorkoutBrief>): z.infer<typeof Adaptation> {
  const steps = row.steps as AdaptStep[];
  return {
    id: row.id,
    planId: row.planId,
    status: row.status,
    trigger: row.trigger as z.infer<typeof Adaptation>['trigger'],
    // Words written when it was proposed (the workout as it stood then), else from the workout as it is now.
    changes: steps.map(({ words, ...step }: AdaptStep & { words?: string }) => ({
      step: step as AdaptStep,
      words: words ?? stepWords(step as AdaptStep, workouts.get(stepWorkoutId(step as AdaptStep) ?? '')),
    })),
    reason: row.reason,
    receipts: row.receipts as string[],
    small: row.small,
    auto: row.auto,
    changeId: row.changeId,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

/** The workouts the steps name, as they stand now (title, day, length). */
export async function workoutBriefs(db: Executor, userId: string, planId: string, steps: AdaptStep[]): Promise<Map<string, WorkoutBrief>> {
  const ids = [...new Set(steps.flatMap((s) => stepWorkoutId(s) ?? []))];
  const rows = ids.length ? await createPlansRepo(db).workouts(userId, planId, ids) : [];
  return new Map(rows.map((w) => [w.id, { title: w.title, date: w.date, durationSec: w.durationSec }]));
}

/** Rows as the API answers them: one read of the named workouts per plan. */
export async function presentAll(db: Executor, userId: string, rows: AdaptationRow[]) {
  const byPlan = new Map<string, AdaptationRow[]>();
  for (const r of rows) byPlan.set(r.planId, [...(byPlan.get(r.planId) ?? []), r]);
  const briefs = new Map<string, WorkoutBrief>();
  for (const [planId, list] of byPlan)
    for (const [id, b] of await workoutBriefs(
      db,
      userId,
      planId,
      list.flatMap((r) => r.steps as AdaptStep[]),
    ))
      briefs.set(id, b);
  return rows.map((r) => presentAdaptation(r, briefs));
}
