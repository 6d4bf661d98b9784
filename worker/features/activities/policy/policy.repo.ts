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

export async function readMode(db: Executor): Promise<ModeRow> {
  const [row] = await db
    .select({ value: systemFlags.value, at: systemFlags.updatedAt })
    .from(systemFlags)
    .where(eq(systemFlags.key, POLICY_FLAG));
  const value = row?.value;
  // Anything unreadable is the default: the flag is only ever written by setMode.
  const mode = (POLICY_MODES as readonly unknown[]).includes(value) ? (value as PolicyMode) : 'default';
  return { mode, since: row ? row.at : null };
}

export async function writeMode(db: Executor, mode: PolicyMode, by: string): Promise<void> {
  await db
    .insert(systemFlags)
    .values({ key: POLICY_FLAG, value: mode, updatedBy: by })
    .onConflictDoUpdate({ target: systemFlags.key, set: { value: mode, updatedBy: by, updatedAt: sql`now()` } });
}
