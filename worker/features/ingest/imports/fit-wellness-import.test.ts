// A scale's FIT file uploaded like any other: its weigh-ins land as `fit` weight readings on the athlete's local
// day, the report counts them (not "no activity found"), and importing the same file again changes nothing.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { weightScaleFit } from '../../../../scripts/sandbox/garmin-fit-wellness';
import { wellnessReadings } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import { importAndWait } from '../../../testing/imports';

const importFile = (h: Harness, cookie: string, name: string, bytes: Uint8Array) =>
  importAndWait<Job>(h, cookie, bytes, { filename: name, multipart: true, timeoutMs: 30_000 });

type Job = { id: string; status: string; found: number; imported: number; skipped: unknown[]; summary: { wellness?: unknown } };

describe('wellness FIT files through the imports', () => {
  it('stores weigh-ins on the local day, counts them in the report, and a re-import changes nothing', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    // The harness athlete's profile is UTC; 23:40 UTC stays on the 19th, 00:10 UTC counts on the 21st.
    const bytes = weightScaleFit([
      { at: new Date('2026-11-19T23:40:00Z'), kg: 71.35, fatPct: 14.2 },
      { at: new Date('2026-11-21T00:10:00Z'), kg: 70.9 },
      { at: new Date('2026-11-22T06:01:00Z'), kg: 470 },
    ]);
    const rows = async () =>
      (
        await h.db
          .select({ day: wellnessReadings.day, field: wellnessReadings.field, value: wellnessReadings.value })
          .from(wellnessReadings)
          .where(and(eq(wellnessReadings.userId, user.id), eq(wellnessReadings.source, 'fit')))
      )
        .map((r) => `${r.day} ${r.field} ${r.value}`)
        .sort();

    const job = await importFile(h, cookie, 'WEIGHT.fit', bytes);
    expect(job).toMatchObject({ status: 'done', found: 0, imported: 0, skipped: [] });
    // Three readings read; the impossible 470 kg is dropped and counted.
    expect(job.summary.wellness).toEqual({ weight: 3, sleep: 0, hrv: 0, rejected: 1, left: [] });
    const first = await rows();
    expect(first).toEqual(['2026-11-19 bodyFatPct 14.2', '2026-11-19 weightKg 71.35', '2026-11-21 weightKg 70.9']);

    const again = await importFile(h, cookie, 'WEIGHT.fit', bytes);
    expect(again.summary.wellness).toMatchObject({ weight: 3 });
    expect(await rows()).toEqual(first);

    // The days answer names the file as the source.
    const day = await h.json<{ days: { fields: Record<string, { value: number; source: string }> }[] }>(
      '/api/v1/wellness/days?from=2026-11-19&to=2026-11-19',
      { cookie },
    );
    expect(day.body.days[0]?.fields.weight).toMatchObject({ value: 71.35, source: 'fit' });
  });
});
