// A Garmin export's wellness records into the wellness feature, through its one entry for importers
// (`recordDevice`, by external id), and the import report's counts per file kind (ADR 073): read, stored,
// already had (the same summary stored before: a re-import writes nothing and wakes no engine), left out and why.
// Health data: counts only, never a value or a day, leave this file.
import type { WellnessService } from '../../wellness';
import type { WellnessKind, WellnessRecord, WellnessSkip, WellnessTally } from '../files';
import type { ImportSummary } from './imports.repo';

type Counts = { stored: number; alreadyHad: number; outOfRange: number; valuesLeftOut: number };
type Stored = NonNullable<ImportSummary['garminWellness']>;

export function wellnessStore(wellness: Pick<WellnessService, 'recordDevice' | 'unchangedDevice'>, userId: string) {
  const counts: Partial<Record<WellnessKind, Counts>> = {};
  const of = (kind: WellnessKind) => (counts[kind] ??= { stored: 0, alreadyHad: 0, outOfRange: 0, valuesLeftOut: 0 });
  return {
    async sink(records: WellnessRecord[]): Promise<void> {
      const same = await wellness.unchangedDevice(userId, 'garmin_export', records);
      const fresh = records.filter((r) => !same.has(r.externalId));
      for (const r of records) if (same.has(r.externalId)) of(r.kind).alreadyHad += 1;
      if (fresh.length === 0) return;
      const out = await wellness.recordDevice(userId, 'garmin_export', fresh);
      const rejected = new Map(out.rejected.map((x) => [x.externalId, x.fields.length]));
      for (const r of fresh) {
        const bad = rejected.get(r.externalId) ?? 0;
        // Every value out of range: nothing of that day is kept, a skip; some of them: stored without those.
        if (bad === Object.keys(r.values).length) of(r.kind).outOfRange += 1;
        else {
          of(r.kind).stored += 1;
          if (bad > 0) of(r.kind).valuesLeftOut += 1;
        }
      }
    },
    /** The parser's tally with what was stored, for the job's summary. */
    report(parsed: { kinds: WellnessTally; otherFiles: number }): Stored {
      const kinds: Stored['kinds'] = {};
      for (const [kind, t] of Object.entries(parsed.kinds) as [WellnessKind, NonNullable<WellnessTally[WellnessKind]>][]) {
        const c = of(kind);
        const skipped: Partial<Record<WellnessSkip, number>> = { ...t.skipped, ...(c.outOfRange ? { out_of_range: c.outOfRange } : {}) };
        kinds[kind] = {
          read: t.read,
          stored: c.stored,
          alreadyHad: c.alreadyHad,
          skipped,
          ...(c.valuesLeftOut ? { valuesLeftOut: c.valuesLeftOut } : {}),
        };
      }
      return { kinds, otherFiles: parsed.otherFiles };
    },
  };
}
