// The Strava data-policy mode, one row in system_flags (key below), written by an operator on Ops Pulse.
import { eq, sql } from 'drizzle-orm';
import type { StatementExecutor as Executor } from '../../../db/executor';
import { systemFlags } from '../../../db/schema';
import { POLICY_MODES, type PolicyMode } from './policy.table';

export const POLICY_FLAG = 'strava_data_policy';

export interface ModeRow {
  mode: PolicyMode;
  since: Date | null;
}

/** The flag's value as a mode: anything unreadable (or no row) is the default, as only setMode writes it. */
export const modeOf = (value: unknown): PolicyMode =>
  (POLICY_MODES as readonly unknown[]).includes(value) ? (value as PolicyMode) : 'default';

/** The flag's value as a scalar subquery: a column another statement can carry (the session lookup's). */
export const modeColumn = () =>
  sql<string | null>`(select ${systemFlags.value} from ${systemFlags} where ${systemFlags.key} = ${POLICY_FLAG})`;

export async function readMode(db: Executor): Promise<ModeRow> {
  const [row] = await db
    .select({ value: systemFlags.value, at: systemFlags.updatedAt })
    .from(systemFlags)
    .where(eq(systemFlags.key, POLICY_FLAG));
  return { mode: modeOf(row?.value), since: row ? row.at : null };
}

export async function writeMode(db: Executor, mode: PolicyMode, by: string): Promise<void> {
  await db
    .insert(systemFlags)
    .values({ key: POLICY_FLAG, value: mode, updatedBy: by })
    .onConflictDoUpdate({ target: systemFlags.key, set: { value: mode, updatedBy: by, updatedAt: sql`now()` } });
}
