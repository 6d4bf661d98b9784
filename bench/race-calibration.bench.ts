// Race prediction calibration (issue 56, ADR 096): does the 80 % range hold the actual time in ≥ 80 % of races?
// Generated athletes with known truth (worker/features/races/calibration/athletes.testing.ts states every assumption
// of the generator, which is deliberately not the predictor's model), each predicted at 5 km, 10 km, the half and
// the marathon by the production core (`predictFinish`, bundled for Node), then coverage, width and the middle's
// error overall, by stratum and for each method alone. Pure: no stack, no database. `RACE_CALIBRATION_ATHLETES`
// (5,000) and `RACE_CALIBRATION_SEED` (56) set the run. A sensitivity run under harsher and gentler assumptions
// follows, then the public race set (one runner, CC BY-SA 4.0: public-races.data.ts).
import { loadEntry } from './lib.ts';

type Entry = typeof import('./race-calibration.entry.ts');
const clock = (s: number) =>
  `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(Math.round(s % 60)).padStart(2, '0')}`;

export async function raceCalibrationBench(): Promise<string> {
  const athletes = Number(process.env.RACE_CALIBRATION_ATHLETES ?? 5000);
  const seed = Number(process.env.RACE_CALIBRATION_SEED ?? 56);
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./race-calibration.entry.ts', import.meta.url));
  try {
    const t0 = performance.now();
    const b = mod.backtest(athletes, seed);
    const ms = performance.now() - t0;
    console.log(
      `${athletes} athletes (seed ${seed}) × 5 km, 10 km, half, marathon: ${b.outcomes.length} predictions in ${ms.toFixed(0)} ms`,
    );
    console.log(mod.table(b));
    const all = mod.summarize(b.outcomes);
    const worst = mod
      .strata(b.outcomes)
      .map(([label, os]) => [label, mod.summarize(os).coverage] as const)
      .reduce((a, c) => (c[1] < a[1] ? c : a));
    console.log(`\nlowest stratum: ${worst[0]} ${(100 * worst[1]).toFixed(1)} %`);
    for (const [label, harsh] of mod.SENSITIVITY) {
      const s = mod.summarize(mod.backtest(athletes, seed, harsh).outcomes);
      console.log(`sensitivity, ${label}: coverage ${(100 * s.coverage).toFixed(1)} %, width ${s.widthPct.toFixed(1)} %`);
    }
    const pub = mod.publicBacktest();
    const ps = mod.summarize(pub);
    console.log(`\npublic set (${mod.PUBLIC_RACES_SOURCE}): one runner's halves and marathons from the same year's shorter races`);
    for (const o of pub)
      console.log(
        `  ${o.label} ${o.distanceM} m: actual ${clock(o.actualS)}, range ${clock(o.low)}–${clock(o.high)} (mid ${clock(o.mid)})` +
          `${o.actualS >= o.low && o.actualS <= o.high ? '' : ' MISSED'}`,
      );
    const held = (d: number) => {
      const os = pub.filter((o) => o.distanceM === d);
      return `${os.filter((o) => o.actualS >= o.low && o.actualS <= o.high).length} of ${os.length}`;
    };
    console.log(
      `  coverage ${(100 * ps.coverage).toFixed(0)} % of ${ps.n} (halves ${held(21097.5)}, marathons ${held(42195)}), ` +
        `width ${ps.widthPct.toFixed(1)} %, median |error| ${ps.mdapePct.toFixed(1)} %, median bias ${ps.biasPct.toFixed(1)} %`,
    );
    return (
      `bench=race-calibration athletes=${athletes} predictions=${b.outcomes.length} coverage=${all.coverage.toFixed(3)} ` +
      `width_pct=${all.widthPct.toFixed(1)} mdape_pct=${all.mdapePct.toFixed(2)} lowest_stratum_coverage=${worst[1].toFixed(3)} ` +
      `public_coverage=${ps.coverage.toFixed(2)} public_n=${ps.n}`
    );
  } finally {
    cleanup();
  }
}
