// The backtest on the public race set (public-races.data.ts): each half and marathon predicted from the same
// runner's shorter races of the same calendar year. The set has years, not dates, so the bests are placed 60 days
// before the race (inside the 180-day window, not old) whatever their real order — lenient: a shorter race run
// later that year counts as if before. No CS and no volume (unknown: the range widens for it), no form.
import { addDays } from '../../../lib/dates';
import { TODAY } from '../races.testing';
import type { Outcome } from './backtest.testing';
import { predictFinish } from '../predict.calc';
import { PUBLIC_RACES } from './public-races.data';

export function publicBacktest(): Outcome[] {
  const out: Outcome[] = [];
  PUBLIC_RACES.forEach(([year, distanceM, actualS], target) => {
    if (distanceM < 21000) return;
    const bests = PUBLIC_RACES.flatMap(([y, d, t, name], i) =>
      y === year && d < distanceM ? [{ distanceM: d, timeS: t, date: addDays(TODAY, -60), activityId: `p${i}`, name }] : [],
    );
    if (bests.length === 0) return;
    const p = predictFinish({ race: { distanceM, date: TODAY }, today: TODAY, bests, volume: null, criticalSpeed: null });
    if (p.state !== 'predicted') return;
    const methods: Outcome['methods'] = {};
    for (const m of p.methods) if (m.ran) methods[m.method] = m.timeS;
    out.push({
      distanceM,
      bests: p.used.length,
      lowVolume: false,
      withCs: false,
      actualS,
      ...p.range,
      methods,
      label: `${year} #${target}`,
    });
  });
  return out;
}
