// The athlete's history judged from stored per-activity verdicts (ADR 084): only an activity without a verdict, or
// whose fingerprint or the rules' version moved on, has its streams read and is judged again. The provider clause
// and the cross-activity duplicate rule are applied at read time (they need no streams), so a policy change or a
// new overlapping upload needs no re-judging.
import type { Executor } from '../../../db/executor';
import type { Policy } from '../../activities';
import {
  type BoardActivity,
  type Exclusion,
  EXCLUSION_CODES,
  type ExclusionCode,
  excluded,
  type Judged,
  judgeActivities,
  judgeOne,
  termsOrCopy,
} from '../leaderboard-eligibility';
import { deltaDecode } from '../../../lib/delta-code';
import { createAwardsRepo, type HistoryRow } from './awards.repo';
import { createJudgmentsRepo } from './judgments.repo';

export type JudgedRow = Judged<BoardActivity & { row: HistoryRow }>;

/** The row as eligibility reads it (samples decoded from the streams, when they were read). */
export function boardOf(r: HistoryRow): BoardActivity & { row: HistoryRow } {
  const t = r.t;
  const d = r.distanceDmDelta;
  const samples = t && d && d.length === t.length ? { t, distanceM: deltaDecode(d).map((x) => x / 10), positions: r.positions } : null;
  return {
    id: r.id,
    athleteId: r.athleteId,
    source: r.source,
    sport: r.sport,
    startTime: r.startTime,
    elapsedTimeS: r.elapsedTimeS,
    movingTimeS: r.movingTimeS,
    distanceM: r.distanceM,
    duplicateOf: r.duplicateOf,
    detailComplete: r.detailComplete,
    createdAt: r.createdAt,
    dataQuality: r.dataQuality ?? [],
    samples,
    row: r,
  };
}

/** Bump when `judgeOne`'s rules change: every stored verdict is then judged again on its next read. */
export const JUDGMENT_VERSION = 1;
/** Streams are read this many activities at a time, so a first judgment of a long history stays small in memory. */
const CHUNK = 50;

export interface JudgedHistory {
  rows: HistoryRow[];
  /** Each activity's own verdict, every use allowed (the provider clause comes later). */
  verdicts: Map<string, Exclusion | null>;
  /** Activities an operator's accepted review lets count. */
  accepted: Set<string>;
  /** How many activities had their streams read (and were judged) this time. */
  streamsRead: number;
}

const anyUse = (p: Policy): Policy => ({ ...p, allows: () => true });
const CODES: ReadonlySet<string> = new Set(EXCLUSION_CODES);
const fresh = (r: HistoryRow) => r.judgment !== null && r.judgment.fingerprint === r.fingerprint && r.judgment.version === JUDGMENT_VERSION;

/** The athlete's history (`range` when given) with every activity's verdict, judging only what needs it. */
export async function loadJudgedHistory(
  db: Executor,
  userId: string,
  policy: Policy,
  range?: { from: Date; to: Date },
): Promise<JudgedHistory> {
  const judgments = createJudgmentsRepo(db);
  const rows = await createAwardsRepo(db).history(userId, range);
  const verdicts = new Map<string, Exclusion | null>();
  const stale: HistoryRow[] = [];
  for (const r of rows) {
    const reason = r.judgment?.reason ?? null;
    if (!fresh(r) || (reason !== null && !CODES.has(reason))) stale.push(r);
    else verdicts.set(r.id, reason === null ? null : excluded(reason as ExclusionCode));
  }
  for (let i = 0; i < stale.length; i += CHUNK) {
    const part = stale.slice(i, i + CHUNK);
    const channels = new Map((await judgments.streams(part.map((r) => r.id))).map((c) => [c.id, c]));
    const written = part.map((r) => {
      const c = channels.get(r.id);
      const verdict = judgeOne(
        boardOf(c ? { ...r, t: c.t, distanceDmDelta: c.distanceDmDelta, positions: c.positions } : r),
        anyUse(policy),
      );
      verdicts.set(r.id, verdict);
      return { activityId: r.id, reason: verdict?.code ?? null, fingerprint: r.fingerprint };
    });
    await judgments.put(userId, JUDGMENT_VERSION, written);
  }
  return { rows, verdicts, accepted: new Set(await judgments.accepted(userId)), streamsRead: stale.length };
}

/**
 * The history judged under `policy` from the stored verdicts: the provider clause first (no review lifts a
 * provider's terms), then an accepted review, then the activity's own verdict; duplicates across activities after.
 */
export function judgeStored(h: JudgedHistory, policy: Policy): JudgedRow[] {
  return judgeActivities(h.rows.map(boardOf), policy, (a) => {
    if (!policy.allows(a.source, 'social')) return termsOrCopy(a);
    if (h.accepted.has(a.id)) return null;
    return h.verdicts.get(a.id) ?? null;
  });
}
