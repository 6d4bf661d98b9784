// "Why this trend?" for one athlete (ADR 074): the engine's inputs gathered over the chart's window and the one
// before (through the engine's own reader, so the same sources and policy), compared by why.calc, with the engine's
// findings for this chart and the newest of their receipts. Health data: nothing here is logged.
import type { Clock } from '../../../lib/clock';
import { addDays, daysBetween, todayIn } from '../../../lib/dates';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { Athlete } from '../../analytics';
import type { EngineService } from '../engine/engine.service';
import { inputsOf } from '../engine/inputs';
import { beforeOf, whyTrend } from '../engine/why.calc';
import type { WhyAnswer, WhyQuery } from './why.schema';

/** The widest window asked about (the one before doubles it). */
export const MAX_WHY_DAYS = 366;
/** The default window when a chart gives none: 13 weeks. */
export const DEFAULT_WHY_DAYS = 91;
/** Training inputs read up to 5 weeks back (ramp against the 4 weeks before): gathered before the window before. */
const LOOKBACK_DAYS = 35;
/** Receipts shown per finding. */
const RECEIPTS_SHOWN = 8;

const invalid = (path: string, message: string) => new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }] });

export function createWhyService(deps: { clock: Clock; engine: Pick<EngineService, 'reader' | 'findings' | 'question'> }) {
  return {
    async why(a: Athlete, q: WhyQuery): Promise<WhyAnswer> {
      const today = todayIn(a.timeZone, deps.clock.now());
      const to = q.to && q.to < today ? q.to : today;
      const from = q.from ?? addDays(to, -(DEFAULT_WHY_DAYS - 1));
      if (from > to) throw invalid('from', 'from must be on or before to (and today)');
      if (daysBetween(from, to) >= MAX_WHY_DAYS) throw invalid('from', `Ask about at most ${MAX_WHY_DAYS} days at once`);
      const window = { from, to };
      const before = beforeOf(window);
      const [data, found] = await Promise.all([deps.engine.reader(a)(addDays(before.from, -LOOKBACK_DAYS), to), deps.engine.findings(a)]);
      const findings = found.findings.map((f) => ({ key: f.key, inputKey: f.input.key, outcomeKey: f.outcome.key, text: f.text }));
      const answer = whyTrend(q.chart, window, inputsOf(data), findings);
      // The receipts of this chart's findings (a handful at most): the newest days behind each.
      const withReceipts = await Promise.all(
        answer.findings.map(async (f) => {
          const question = await deps.engine.question(a, f.key);
          const newest = [...question.pairs].sort((x, y) => y.day.localeCompare(x.day));
          return {
            ...f,
            totalReceipts: newest.length,
            receipts: newest
              .slice(0, RECEIPTS_SHOWN)
              .map((p) =>
                p.receipt.kind === 'activity'
                  ? { kind: 'activity' as const, id: p.receipt.id, name: p.receipt.name, day: p.day }
                  : { kind: 'day' as const, id: p.receipt.id, day: p.day },
              ),
          };
        }),
      );
      return { ...answer, findings: withReceipts };
    },
  };
}

export type WhyService = ReturnType<typeof createWhyService>;
