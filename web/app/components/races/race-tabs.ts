import type { PageTab } from '../ui';

// The race page's tabs, in the order an athlete works through a race: what is realistic, how to pace it, how to
// fuel it, the card to carry, how it went. A new part of race day is a tab here and a route beside the others.
// A triathlon's legs follow the prediction (its pacing, by sport).
export function raceTabs(race: { id: string; sport: string }): PageTab[] {
  const base = `/races/${race.id}`;
  return [
    { to: base, label: 'Prediction', end: true },
    ...(race.sport === 'triathlon' ? [{ to: `${base}/triathlon`, label: 'Swim · bike · run' }] : []),
    ...(race.sport === 'run' ? [{ to: `${base}/pacing`, label: 'Pacing' }] : []),
    { to: `${base}/fuelling`, label: 'Fuelling' },
    { to: `${base}/card`, label: 'Race card' },
    { to: `${base}/result`, label: 'Result' },
  ];
}
