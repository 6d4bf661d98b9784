// Issue 58's simulation (ADR 103): synthetic athletes through a 16-week plan with a messy life, each lived twice —
// the plan left as generated, and adapted by replan — the invariants checked on every applied proposal, and race-day
// form (TSB in RACE_TSB) landing at least as often adapted as not.
import { expect, it } from 'vitest';
import { makeAthlete, type RunResult, live } from './simulate.testing';

const ATHLETES = 200;

it(`${ATHLETES} athletes: the invariants hold on every applied proposal, and race-day form lands in its band at least as often adapted`, () => {
  const started = performance.now();
  const plain: RunResult[] = [];
  const adapted: RunResult[] = [];
  for (let i = 0; i < ATHLETES; i++) {
    const athlete = makeAthlete(i);
    plain.push(live(athlete, false));
    adapted.push(live(athlete, true));
  }
  const rate = (runs: RunResult[]) => runs.filter((r) => r.inBand).length / runs.length;
  const kinds: Record<string, number> = {};
  const steps: Record<string, number> = {};
  for (const r of adapted) {
    for (const [k, n] of Object.entries(r.kinds)) kinds[k] = (kinds[k] ?? 0) + n;
    for (const [k, n] of Object.entries(r.steps)) steps[k] = (steps[k] ?? 0) + n;
  }
  const moved = (runs: RunResult[], yes: boolean) => rate(runs.filter((_, i) => !!makeAthlete(i).life.move === yes));
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const broken = adapted.flatMap((r, i) => r.broken.map((b) => `athlete-${i}: ${b.invariant} ${b.detail}`));
  console.log(
    `adapt simulation: ${ATHLETES} athletes, race-day TSB in band as generated ${pct(rate(plain))}, adapted ${pct(rate(adapted))} (races kept: ${pct(moved(plain, false))} → ${pct(moved(adapted, false))}; races moved: ${pct(moved(plain, true))} → ${pct(moved(adapted, true))}); proposals ${JSON.stringify(kinds)}, steps ${JSON.stringify(steps)}; ${Math.round(performance.now() - started)} ms`,
  );
  expect(broken).toEqual([]);
  expect(plain.flatMap((r) => r.broken)).toEqual([]);
  expect(rate(adapted)).toBeGreaterThanOrEqual(rate(plain));
});
