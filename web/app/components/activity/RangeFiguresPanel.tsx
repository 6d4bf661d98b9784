import type { ReactNode } from 'react';
import { type Figures, channelMeta, clock, covered, speedStyleOf, speedText, valueText } from '~/utils/activity-streams';
import type { Units } from '~/utils/analytics';
import { elevation, fixed, MINUS } from '~/utils/analytics-format';
import { Button } from '../ui';

function Figure({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {children}
        {hint ? <span className="range-hint"> {hint}</span> : null}
      </dd>
    </div>
  );
}

/**
 * The figures of what the charts show — the whole activity or the range zoomed to — computed by the
 * server from every recorded sample (never from the drawn points).
 */
export function RangeFiguresPanel({
  figures: f,
  range,
  sport,
  units,
  status,
  onRetry,
}: {
  /** The figures of what the charts show; null while a range is measured or when that failed. */
  figures: Figures | null;
  range: { from: number; to: number } | null;
  sport: string;
  units: Units;
  status: 'idle' | 'loading' | 'error';
  onRetry: () => void;
}) {
  return (
    <section className="range-figures" aria-labelledby="range-figures-title" aria-busy={status === 'loading'}>
      <h3 id="range-figures-title" className="range-title">
        {range ? `${clock(range.from)}–${clock(range.to)}` : 'Whole activity'}
      </h3>
      <p className="range-sub" aria-live="polite">
        {status === 'loading'
          ? 'Measuring the range…'
          : f
            ? `${clock(f.elapsedS)} elapsed${f.distanceM > 0 ? ` · ${covered(f.distanceM, units)}` : ''}${f.movingS !== Math.round(f.elapsedS) ? ` · ${clock(f.movingS)} moving` : ''}`
            : null}
      </p>
      {status === 'error' ? (
        <div className="range-error" role="alert">
          <p>The range could not be measured.</p>
          <Button variant="secondary" size="sm" onClick={onRetry}>
            Try again
          </Button>
        </div>
      ) : null}
      {f ? <FigureList f={f} sport={sport} units={units} /> : null}
    </section>
  );
}

function FigureList({ f, sport, units }: { f: Figures; sport: string; units: Units }) {
  const style = speedStyleOf(sport);
  const drift = f.decouplingPct;
  return (
    <dl className="range-list">
      {f.speed ? (
        <Figure label={style === 'speed' ? 'Speed' : 'Pace'} hint={f.speed.max ? `max ${speedText(f.speed.max, style, units)}` : undefined}>
          {speedText(f.speed.avg, style, units)}
        </Figure>
      ) : null}
      {f.gap ? <Figure label="Grade-adjusted pace">{speedText(f.gap.avg, 'pace', units)}</Figure> : null}
      {f.hr ? (
        <Figure label="Heart rate" hint={f.hr.max ? `max ${Math.round(f.hr.max)}` : undefined}>
          {valueText('hr', f.hr.avg, sport, units)}
        </Figure>
      ) : null}
      {f.power ? (
        <Figure label="Power" hint={f.power.max ? `max ${Math.round(f.power.max)}` : undefined}>
          {valueText('power', f.power.avg, sport, units)}
        </Figure>
      ) : null}
      {f.power?.normalized ? <Figure label="Normalised power">{`${Math.round(f.power.normalized)} W`}</Figure> : null}
      {f.cadence ? (
        <Figure label="Cadence" hint={f.cadence.max ? `max ${Math.round(f.cadence.max)}` : undefined}>
          {`${f.cadence.avg === null ? '—' : Math.round(f.cadence.avg)} ${channelMeta('cadence', sport, units).unit}`}
        </Figure>
      ) : null}
      {f.altitude ? (
        <Figure label="Climb">{`+${elevation(f.altitude.gainM, units)} / ${MINUS}${elevation(f.altitude.lossM, units)}`}</Figure>
      ) : null}
      {f.hr ? (
        <Figure label="HR drift">
          {drift === null ? (
            <span className="range-hint">needs 20 min of heart rate</span>
          ) : (
            `${drift > 0 ? '+' : drift < 0 ? MINUS : ''}${fixed(Math.abs(drift), 1)} %`
          )}
        </Figure>
      ) : null}
    </dl>
  );
}
