// The card's words and numbers, shared by the page, the PDF and the coach's tool so all three read the same.
import { fixed, formatDay, formatPace, formatRaceTime, signed } from '../../../lib/format';
import type { CardTaper, RaceCardModel, SplitRow } from './card.types';

export const unitWord = (unit: 'km' | 'mile'): 'km' | 'mi' => (unit === 'km' ? 'km' : 'mi');
const PER: Record<'km' | 'mile', number> = { km: 1000, mile: 1609.344 };

/** "12 km", "21.1 km", "13.1 mi": whole units plain, a part unit with one decimal. */
export function splitDistance(m: number, unit: 'km' | 'mile'): string {
  const v = m / PER[unit];
  return `${Math.abs(v - Math.round(v)) < 0.005 ? Math.round(v) : fixed(v, 1)} ${unitWord(unit)}`;
}

export const splitCells = (r: SplitRow, unit: 'km' | 'mile'): [string, string, string] => [
  splitDistance(r.toM, unit),
  formatPace(r.paceS, unitWord(unit)),
  formatRaceTime(r.clockS),
];

export function distanceTitle(m: number): string {
  if (Math.abs(m - 42195) < 50) return 'Marathon';
  if (Math.abs(m - 21097.5) < 50) return 'Half marathon';
  return m % 1000 === 0 ? `${m / 1000} km` : `${fixed(m / 1000, 1)} km`;
}

/** "Sun 3 May 2026 · Half marathon · start 09:00 (assumed)". */
export function headerLine(card: RaceCardModel): string {
  const h = card.header;
  return `${formatDay(h.raceDate)} · ${distanceTitle(h.distanceM)} · start ${h.startTime}${h.startTimeSource === 'assumed' ? ' (assumed: set yours)' : ''}`;
}

/** "Predicted 1:38:20 (80 % range 1:35:10–1:42:05)", or why there is none. */
export function predictionLine(card: RaceCardModel): string {
  const p = card.header.prediction;
  if (p.state === 'none') return `No prediction yet: ${p.reason}`;
  return `Predicted ${formatRaceTime(p.midS)} (80 % range ${formatRaceTime(p.lowS)}–${formatRaceTime(p.highS)})`;
}

/** The taper in a line: weeks, the load before and during, the cut, the race-day form. */
export function taperLine(t: CardTaper): string {
  if (t.state === 'noPlan') return t.message;
  const parts = [
    `${t.taperWeeks} taper week${t.taperWeeks === 1 ? '' : 's'}: planned load ${Math.round(t.taperLoad)} a week against ${Math.round(t.beforeLoad)} before`,
  ];
  if (t.dropFraction !== null) parts.push(`${Math.round(t.dropFraction * 100)} % less`);
  if (t.form) parts.push(`race-day form TSB ${signed(t.form.tsb, 0)}, fitness CTL ${Math.round(t.form.ctl)}`);
  return `${parts.join(', ')}.`;
}
