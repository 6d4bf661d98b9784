// The demo athlete as `npm run dev` builds her (scripts/lib/demo-history.ts: athlete 1001, 450 sessions, her Garmin
// export with its year of wellness), imported through the real path, then asked by the engine: the planted pattern
// (an easy run's heart rate 3 bpm higher after a night under 6.5 h, ADR 073) is found with its receipts, in words,
// and nothing else about sleep and efficiency is invented. Summaries only (no FIT files): the runs' averages are what
// the efficiency reads.
import { describe, expect, it } from 'vitest';
import { demoGarminExport } from '../../../../scripts/sandbox/garmin-export.ts';
import { Harness } from '../../../testing/harness';
import { importAndWait } from '../../../testing/imports';

const DAY = 86_400_000;
type Job = { id: string; status: string; imported: number };
type Findings = {
  status: string;
  updating: boolean;
  asked: number;
  findings: { key: string; text: string; rho: number; rhoLow: number; rhoHigh: number; receipts: number }[];
};

describe('the demo athlete, asked by the engine', () => {
  it('finds the planted sleep → easy-run pattern with its receipts', { timeout: 300_000 }, async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const midnight = Math.floor(Date.now() / DAY) * DAY;
    const history = { athleteId: 1001, count: 450, historyEnd: new Date(midnight), filesBefore: new Date(midnight) };
    const { zip, activities } = demoGarminExport(history, { userName: 'demo', withFits: false });
    const job = await importAndWait<Job>(h, cookie, zip, { filename: 'garmin-export.zip', timeoutMs: 150_000 });
    expect(job.status).toBe('done');
    expect(job.imported).toBe(activities.length);

    // The job reports done before analytics has every imported run's efficiency (that follows it, and moves the
    // analytics version the engine re-reads on): read until the engine's answer has taken them in.
    const planted = (x: Findings['findings'][number]) => x.key.startsWith('sleep') && x.key.endsWith('easy_run_ef');
    let f = (await h.json<Findings>('/api/v1/wellness/findings', { cookie })).body;
    for (const until = Date.now() + 120_000; (f.updating || !f.findings.some(planted)) && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 500));
      f = (await h.json<Findings>('/api/v1/wellness/findings', { cookie })).body;
    }
    expect(f.status).toBe('ready');
    expect(f.updating).toBe(false);
    const keys = f.findings.map((x) => x.key);
    const sleep = f.findings.filter(planted);
    expect(sleep.length, JSON.stringify(keys)).toBeGreaterThan(0);
    // More sleep, more efficient easy runs: the planted sign, with an interval that excludes zero.
    for (const s of sleep) {
      expect(s.rhoLow).toBeGreaterThan(0);
      expect(s.receipts).toBeGreaterThanOrEqual(20);
      expect(s.text).toMatch(new RegExp(`of ${f.asked} patterns tested`));
    }
    // Everything else in the demo is noise: only sleep (and the watch's sleep score, which follows it) is found.
    expect(
      keys.filter((k) => !/^sleep(_score|_7d)?~easy_run_ef$/.test(k)),
      JSON.stringify(keys),
    ).toEqual([]);
    // The days behind it, one click away: each an easy run with the night before and its source.
    const q = (
      await h.json<{ status: string; pairs: { receipt: { kind: string; id: string }; inputSource: string }[] }>(
        '/api/v1/wellness/findings/sleep~easy_run_ef',
        { cookie },
      )
    ).body;
    expect(q.status).toBe('finding');
    expect(q.pairs.length).toBeGreaterThanOrEqual(20);
    expect(q.pairs.every((p) => p.receipt.kind === 'activity' && p.inputSource === 'garmin_export')).toBe(true);
  });
});
