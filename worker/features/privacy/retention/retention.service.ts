import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import type { Actor, AuditService } from '../../audit';
import { type ExportArchiveRow, TABLE_SWEEPS, createRetentionRepo } from './retention.repo';
import { RETENTION_RULES, RETENTION_JOB, type SweptRuleId } from './retention.rules';

/** Where export archives live: the export work implements it (privacy/export); the retention job only asks it to delete one. */
export interface ArchiveStore {
  /** Deletes the archive of this export request; deleting one already gone is not an error. */
  remove(request: ExportArchiveRow): Promise<void>;
}

export interface RuleRun {
  /** Rows past the limit when the rule ran. */
  matched: number;
  /** Rows deleted (or erased in place); 0 in a dry run. */
  deleted: number;
  /** The run stopped at its batch bound with rows left: the next run continues. */
  more: boolean;
}

export interface RetentionRun {
  dryRun: boolean;
  at: Date;
  rules: Record<SweptRuleId, RuleRun>;
}

export const SWEPT_RULES = RETENTION_RULES.filter((r) => r.job === RETENTION_JOB).map((r) => r.id as SweptRuleId);

/**
 * The daily retention job's work: for every rule of the table this folder enforces, count the rows past
 * their limit and (unless a dry run) delete them in bounded batches. Each run, dry or real, is one audit
 * row with the counts per rule.
 */
export function createRetentionService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  archives: ArchiveStore;
  /** Rows per batch, and batches per rule and run: a run's work is bounded, the rest waits for the next. */
  batchSize?: number;
  maxBatches?: number;
}) {
  const repo = createRetentionRepo(deps.db);
  const batchSize = deps.batchSize ?? 500;
  const maxBatches = deps.maxBatches ?? 20;

  async function runRule(id: SweptRuleId, now: Date, dryRun: boolean): Promise<RuleRun> {
    const isExport = id === 'export-archives';
    const matched = isExport ? await repo.countExpiredExports(now) : await repo.count(TABLE_SWEEPS[id], now);
    if (dryRun || matched === 0) return { matched, deleted: 0, more: false };
    let deleted = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = isExport
        ? await repo.expireExports(now, Math.min(batchSize, 50), deps.archives.remove)
        : await repo.purgeBatch(TABLE_SWEEPS[id], now, batchSize);
      deleted += n;
      if (n === 0) return { matched, deleted, more: false };
    }
    return { matched, deleted, more: true };
  }

  return {
    async run(opts: { dryRun: boolean; actor?: Actor | null; only?: readonly SweptRuleId[] }): Promise<RetentionRun> {
      const at = deps.clock.now();
      const rules = {} as Record<SweptRuleId, RuleRun>;
      for (const id of opts.only ?? SWEPT_RULES) rules[id] = await runRule(id, at, opts.dryRun);
      await deps.audit.record({
        actor: opts.actor ?? null,
        action: 'privacy.retention_run',
        target: { type: 'retention', id: null },
        payload: { dryRun: opts.dryRun, at: at.toISOString(), rules },
      });
      return { dryRun: opts.dryRun, at, rules };
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
