import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  type Axis,
  type RangeView,
  type StreamsView,
  channelMeta,
  chartsOf,
  clock,
  covered,
  rowsOf,
  speedStyleOf,
  valueText,
} from '~/utils/activity-streams';
import type { Units } from '~/utils/analytics';
import { ClientOnly } from '../ClientOnly';
import { ActivityRouteCard } from '../maps/ActivityRouteCard';
import { Button, Card, EmptyState, Icon } from '../ui';
import { LapsSplitsCard } from './LapsSplitsCard';
import { RangeFiguresPanel } from './RangeFiguresPanel';
import { useActivityReader } from './activity-reader';
import { ZonesCard } from './ZonesCard';

const StreamCharts = lazy(() => import('./StreamCharts.client').then((m) => ({ default: m.StreamCharts })));

function ChartsSkeleton({ count }: { count: number }) {
  return <div className="stream-charts-skeleton chart-skeleton" data-charts={count} aria-hidden="true" />;
}

/** One sentence per chart: its range and average, for readers who cannot see the lines. */
function chartSummary(view: StreamsView, units: Units): string {
  const f = view.figures!;
  const parts: string[] = [];
  for (const c of chartsOf(view.channels)) {
    const values = view.series!.values[c]!;
    const label = channelMeta(c, view.sport, units).label;
    if (c === 'speed') parts.push(`${label} averaged ${valueText('speed', f.speed?.avg, view.sport, units)}.`);
    else if (c === 'altitude' && f.altitude)
      parts.push(
        `Elevation between ${valueText('altitude', f.altitude.min, view.sport, units)} and ${valueText('altitude', f.altitude.max, view.sport, units)}.`,
      );
    else {
      const avg = c === 'hr' ? f.hr?.avg : c === 'power' ? f.power?.avg : f.cadence?.avg;
      parts.push(
        `${label} from ${valueText(c, Math.min(...values), view.sport, units)} to ${valueText(c, Math.max(...values), view.sport, units)}, average ${valueText(c, avg, view.sport, units)}.`,
      );
    }
  }
  return `Over the whole activity: ${parts.join(' ')}`;
}

/**
 * The activity's analysis from its streams: charts with a shared cursor and drag-to-zoom, the figures of
 * what they show, the route, laps and splits, and time in zones. The charts and the route share the
 * cursor; a split's or lap's button zooms the charts to it.
 */
export function ActivityStreams({
  view,
  units,
  opened = null,
  focus = null,
  belowCharts = null,
}: {
  view: StreamsView;
  units: Units;
  /** A window the page opens on (`?at=&for=`), measured by the loader: shown zoomed, with its figures, and scrolled to. */
  opened?: { from: number; to: number; view: RangeView } | null;
  /** A window another card asks the charts to show (the W′ chart's lowest point); `n` tells asks for the same window apart. */
  focus?: { from: number; to: number; n: number } | null;
  /** Cards drawn on the charts' time axis, right under them (the W′ balance), given the range the charts show. */
  belowCharts?: ((range: { from: number; to: number } | null) => ReactNode) | null;
}) {
  const [axis, setAxis] = useState<Axis>('time');
  const [range, setRange] = useState<{ from: number; to: number } | null>(opened ? { from: opened.from, to: opened.to } : null);
  const [detail, setDetail] = useState<RangeView | null>(opened?.view ?? null);
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle');
  const [hover, setHover] = useState<number | null>(null);
  // The sample the pointer is on on the map's line: the charts show it as if hovered there.
  const [mapHover, setMapHover] = useState<number | null>(null);
  const request = useRef(0);
  const { rangeUrl } = useActivityReader();
  const chartsRef = useRef<HTMLDivElement>(null);

  const series = detail?.series ?? view.series;
  const rows = useMemo(() => (series ? rowsOf(series, view.sport, units) : []), [series, view.sport, units]);
  const zoom = useCallback(
    (from: number, to: number, scroll = false) => {
      const id = ++request.current;
      setRange({ from, to });
      setDetail(null);
      setHover(null);
      setMapHover(null);
      setStatus('loading');
      if (scroll) chartsRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      fetch(rangeUrl(view.activityId, from, to), { headers: { accept: 'application/json' } })
        .then(async (r) => {
          if (!r.ok) throw new Error(`range ${r.status}`);
          const body = (await r.json()) as RangeView;
          if (id === request.current) {
            setDetail(body);
            setStatus('idle');
          }
        })
        .catch(() => id === request.current && setStatus('error'));
    },
    [view.activityId, rangeUrl],
  );
  // The opened window is scrolled to once; a focus asked for by another card zooms the charts to it.
  const openedAt = opened ? `${opened.from}-${opened.to}` : null;
  useEffect(() => {
    if (openedAt) chartsRef.current?.scrollIntoView({ block: 'start' });
  }, [openedAt]);
  useEffect(() => {
    if (focus) zoom(focus.from, focus.to, true);
  }, [focus, zoom]);

  const reset = () => {
    request.current++;
    setRange(null);
    setDetail(null);
    setHover(null);
    setMapHover(null);
    setStatus('idle');
  };

  if (!view.series || !view.figures) {
    return (
      <>
        <Card id="charts" title="Charts">
          <EmptyState icon={<Icon name="chart" />} title="No per-second data" level={3}>
            <p>
              This activity came without streams (a manual entry, or a summary the provider has not sent details for yet), so there is
              nothing to chart.
            </p>
          </EmptyState>
        </Card>
        {view.laps.length ? <LapsSplitsCard view={view} units={units} onShow={null} /> : null}
      </>
    );
  }

  // A range's figures once measured; the whole activity's when not zoomed; none while measuring or failed.
  const figures = range ? (detail?.figures ?? null) : view.figures;
  const charts = chartsOf(view.channels);
  const withGap = view.channels.includes('gap');
  const style = speedStyleOf(view.sport);
  const canDistance = view.distance !== 'none';
  const row = hover !== null ? rows[hover] : mapHover !== null ? rows[mapHover] : undefined;
  const domain: [number, number] | null =
    range && !detail ? (axis === 'time' ? [range.from, range.to] : distanceDomain(rows, range)) : null;
  const cursor = row && series?.lat && series.lng ? { lat: series.lat[row.i]!, lng: series.lng[row.i]! } : null;

  return (
    <>
      <Card
        id="charts"
        title="Charts"
        description={range ? undefined : 'Hover or touch a chart to read every channel at that moment; drag across one to zoom to a range.'}
        actions={
          <div className="stream-actions">
            {canDistance ? (
              <div className="axis-toggle" role="group" aria-label="Horizontal axis">
                {(['time', 'distance'] as const).map((a) => (
                  <button key={a} type="button" className="axis-button" aria-pressed={axis === a} onClick={() => setAxis(a)}>
                    {a === 'time' ? 'Time' : 'Distance'}
                  </button>
                ))}
              </div>
            ) : null}
            {range ? (
              <Button variant="secondary" size="sm" onClick={reset}>
                Reset zoom
              </Button>
            ) : null}
          </div>
        }
      >
        <div className="streams-layout" ref={chartsRef}>
          <figure className="streams-figure" aria-labelledby="streams-label" aria-describedby="streams-summary">
            <span id="streams-label" className="visually-hidden">
              Charts of {charts.map((c) => channelMeta(c, view.sport, units).label.toLowerCase()).join(', ')} by {axis}
            </span>
            <p className="stream-readout" data-testid="stream-readout">
              {row ? (
                <>
                  <strong>{clock(row.t)}</strong>
                  {canDistance ? <span> · {covered(row.d, units)}</span> : null}
                  {view.channels.map((c) => (
                    <span key={c}>
                      {' · '}
                      {c === 'gap' ? 'GAP' : channelMeta(c, view.sport, units).label}{' '}
                      {valueText(c, series!.values[c]![row.i], view.sport, units)}
                    </span>
                  ))}
                </>
              ) : (
                <span className="stream-readout-hint">
                  {range ? `Zoomed to ${clock(range.from)}–${clock(range.to)}.` : 'Values at the cursor appear here.'}
                </span>
              )}
            </p>
            <div className="stream-charts-box" data-charts={charts.length}>
              <ClientOnly fallback={<ChartsSkeleton count={charts.length} />}>
                {() => (
                  <Suspense fallback={<ChartsSkeleton count={charts.length} />}>
                    <StreamCharts
                      rows={rows}
                      charts={charts}
                      withGap={withGap}
                      sport={view.sport}
                      units={units}
                      axis={canDistance ? axis : 'time'}
                      domain={domain}
                      onHover={setHover}
                      marked={hover === null ? mapHover : null}
                      onZoom={zoom}
                    />
                  </Suspense>
                )}
              </ClientOnly>
              <noscript>
                <p className="chart-noscript">The charts need JavaScript. The figures, splits and zones on this page are plain text.</p>
              </noscript>
            </div>
            <figcaption id="streams-summary" className="chart-summary">
              {chartSummary(view, units)}
              {style === 'pace' && withGap ? ' The dashed line is grade-adjusted pace: the flat pace of the same effort.' : ''}
            </figcaption>
          </figure>
          <RangeFiguresPanel
            figures={figures}
            range={range}
            sport={view.sport}
            units={units}
            status={status}
            onRetry={() => range && zoom(range.from, range.to)}
          />
        </div>
      </Card>
      {belowCharts?.(range)}
      {view.series.lat && view.series.lng ? (
        <ActivityRouteCard
          view={view}
          units={units}
          range={range}
          cursor={cursor}
          onPick={(t) => setMapHover(t === null ? null : rowAt(rows, t))}
        />
      ) : null}
      <LapsSplitsCard view={view} units={units} onShow={(from, to) => zoom(from, to, true)} />
      <ZonesCard view={view} units={units} />
    </>
  );
}

/** The drawn row nearest `t` seconds, or null outside the rows (a zoomed range does not hold it). */
function rowAt(rows: { t: number }[], t: number): number | null {
  if (!rows.length || t < rows[0]!.t || t > rows.at(-1)!.t) return null;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && t - rows[lo - 1]!.t < rows[lo]!.t - t ? lo - 1 : lo;
}

/** The distance axis's range for a time range, read off the drawn rows. */
function distanceDomain(rows: { t: number; d: number }[], range: { from: number; to: number }): [number, number] {
  const inside = rows.filter((r) => r.t >= range.from && r.t <= range.to);
  return inside.length ? [inside[0]!.d, inside.at(-1)!.d] : [0, 0];
}
