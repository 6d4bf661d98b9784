import type { PageTab } from '../ui';

// The race page's tabs, in the order an athlete works through a race: what is realistic, how to pace it, how to
// fuel it, the card to carry, how it went. A new part of race day is a tab here and a route beside the others.
export function raceTabs(raceId: string): PageTab[] {
  const base = `/races/${raceId}`;
  return [
    { to: base, label: 'Prediction', end: true },
    { to: `${base}/card`, label: 'Race card' },
  ];
}
