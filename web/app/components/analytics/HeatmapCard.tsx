import { Link } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import type { HeatmapView, Units } from '~/utils/analytics';
import { addDays, day, distance, fixed, hours, monthName, weekdayMon0 } from '~/utils/analytics-format';
import { Card } from '../ui';
import { useHrefWith } from './Segmented';

const CELL = 12;
const PITCH = 15;
const LEFT = 30;
const TOP = 18;
const WEEKDAYS = ['Mon', '', 'Wed', '', 'Fri', '', ''];

/** Load buckets: the legend states them, so colour is never the only way to read a day. */
const BUCKETS = [
  { max: 0, label: 'None' },
  { max: 50, label: 'Under 50' },
  { max: 100, label: '50–99' },
  { max: 150, label: '100–149' },
  { max: Infinity, label: '150 or more' },
];
const bucketOf = (load: number, count: number) => (count === 0 ? 0 : load < 50 ? 1 : load < 100 ? 2 : load < 150 ? 3 : 4);

type HeatDay = HeatmapView['days'][number];

function cellTitle(date: string, d: HeatDay | undefined, units: Units, future: boolean): string {
  if (future) return `${day(date)}: still to come`;
  if (!d || d.count === 0) return `${day(date)}: no training`;
  const parts = [`load ${fixed(d.load, 0)}`, hours(d.movingS)];
  if (d.distance > 0) parts.push(distance(d.distance, units));
  return `${day(date)}: ${parts.join(', ')} (${d.count} ${d.count === 1 ? 'activity' : 'activities'})`;
}

/** A calendar year, one square per day (Monday at the top), coloured by that day's load. */
export function HeatmapCard({ heatmap, today, firstYear }: { heatmap: HeatmapView; today: string; firstYear: number | null }) {
  const { year, units } = heatmap;
  const hrefWith = useHrefWith();
  const scroller = useRef<HTMLDivElement>(null);
  const byDate = new Map(heatmap.days.map((d) => [d.date, d]));
  const jan1 = `${year}-01-01`;
  const offset = weekdayMon0(jan1);
  const cells: { date: string; col: number; row: number }[] = [];
  for (let date = jan1, i = 0; date.startsWith(String(year)); date = addDays(date, 1), i++) {
    cells.push({ date, col: Math.floor((i + offset) / 7), row: (i + offset) % 7 });
  }
  const cols = (cells.at(-1)?.col ?? 52) + 1;
  const width = LEFT + cols * PITCH;
  const height = TOP + 7 * PITCH;
  const months = cells.filter((c) => c.date.endsWith('-01'));
  const active = heatmap.days.filter((d) => d.count > 0);
  const total = active.reduce(
    (acc, d) => ({
      movingS: acc.movingS + d.movingS,
      distance: acc.distance + d.distance,
      load: acc.load + d.load,
      count: acc.count + d.count,
    }),
    { movingS: 0, distance: 0, load: 0, count: 0 },
  );
  const thisYear = Number(today.slice(0, 4));
  const todayCol = cells.find((c) => c.date === today)?.col ?? null;

  // A screen too narrow for the year opens on today (with the next weeks after it), not on January.
  useEffect(() => {
    const el = scroller.current;
    const svg = el?.querySelector('svg');
    if (!el || !svg || todayCol === null || el.scrollWidth <= el.clientWidth) return;
    const scale = svg.getBoundingClientRect().width / width;
    el.scrollLeft = Math.max(0, (LEFT + (todayCol + 4) * PITCH) * scale - el.clientWidth);
  }, [todayCol, width]);
  const summary =
    active.length === 0
      ? `No training recorded in ${year}.`
      : `${year}${year === thisYear ? ' so far' : ''}: ${active.length} days with training, ${total.count} activities, ${hours(total.movingS)}, ${distance(total.distance, units, 0)}, total load ${fixed(total.load, 0)}.`;

  return (
    <Card
      id="calendar"
      title={`Training calendar ${year}`}
      description="Each square is a day, coloured by its training load. Hover a day for its numbers."
      actions={
        <nav aria-label="Calendar year" className="year-nav">
          {firstYear !== null && firstYear < year ? (
            <Link to={hrefWith('year', String(year - 1), 'calendar')} preventScrollReset replace className="card-link">
              <span aria-hidden="true">‹ </span>
              {year - 1}
            </Link>
          ) : null}
          {year < thisYear ? (
            <Link to={hrefWith('year', String(year + 1), 'calendar')} preventScrollReset replace className="card-link">
              {year + 1}
              <span aria-hidden="true"> ›</span>
            </Link>
          ) : null}
        </nav>
      }
    >
      <p className="chart-summary chart-summary-top">{summary}</p>
      <div ref={scroller} className="heatmap-scroll" tabIndex={0} role="group" aria-label={`Training calendar ${year}, scrolls sideways`}>
        <svg
          className="heatmap"
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          aria-label={`Calendar of ${year}: ${summary}`}
        >
          {months.map((m) => (
            <text key={m.date} x={LEFT + m.col * PITCH} y={12} className="heatmap-label">
              {monthName(Number(m.date.slice(5, 7)) - 1)}
            </text>
          ))}
          {WEEKDAYS.map((w, i) =>
            w ? (
              <text key={w} x={0} y={TOP + i * PITCH + CELL - 2} className="heatmap-label">
                {w}
              </text>
            ) : null,
          )}
          {cells.map((c) => {
            const d = byDate.get(c.date);
            const future = c.date > today;
            const bucket = future ? 'future' : String(bucketOf(d?.load ?? 0, d?.count ?? 0));
            return (
              <rect
                key={c.date}
                x={LEFT + c.col * PITCH}
                y={TOP + c.row * PITCH}
                width={CELL}
                height={CELL}
                rx={2}
                className={`hm hm-${bucket}${c.date === today ? ' hm-today' : ''}`}
              >
                <title>{cellTitle(c.date, d, units, future)}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      <div className="heatmap-legend">
        <span className="heatmap-legend-title">Daily load</span>
        <ul>
          {BUCKETS.map((b, i) => (
            <li key={b.label}>
              <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
                <rect x="0" y="0" width="12" height="12" rx="2" className={`hm hm-${i}`} />
              </svg>
              {b.label}
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
