import { Link } from '@remix-run/react';
import { type StreamsView, clock, speedText } from '~/utils/activity-streams';
import { hrZonesFrom, THRESHOLD_LABELS, type Units } from '~/utils/analytics';
import { day, percent } from '~/utils/analytics-format';
import { Badge, Card } from '../ui';
import { useActivityReader } from './activity-reader';

type Table = StreamsView['zones'][number];
type Ok = Extract<Table, { state: 'ok' }>;

const TITLES: Record<Table['kind'], string> = { hr: 'Heart rate', pace: 'Pace', power: 'Power' };

/** A zone's range in words: bpm and W as they are, pace turned around (a higher speed is a faster pace). */
function rangeText(kind: Table['kind'], z: Ok['zones'][number], units: Units, swim: boolean): string {
  if (kind === 'pace') {
    const p = (mps: number) => speedText(mps, swim ? 'swim' : 'pace', units);
    if (z.low === null) return `slower than ${p(z.high!)}`;
    if (z.high === null) return `faster than ${p(z.low)}`;
    // "5:19–5:49 /km": the unit once, after the slower end.
    return `${p(z.high).split('\u00a0')[0]}–${p(z.low)}`;
  }
  // Whole beats and watts: a zone holds the values from its lower bound up to below the next one's.
  const unit = kind === 'hr' ? 'bpm' : 'W';
  const first = (b: number) => Math.ceil(b);
  if (z.low === null) return `up to ${first(z.high!) - 1} ${unit}`;
  if (z.high === null) return `${first(z.low)} ${unit} and up`;
  return `${first(z.low)}–${first(z.high) - 1} ${unit}`;
}

/** Which threshold the zones are drawn from, as the load card says it: value, source and date, raised or the activity's own. */
function ZoneBasis({ t, units }: { t: Ok['threshold']; units: Units }) {
  const reader = useActivityReader();
  const text = (v: number) =>
    t.kind === 'threshold_pace'
      ? speedText(v, 'pace', units)
      : t.kind === 'css'
        ? speedText(v, 'swim', units)
        : `${Math.round(v)} ${t.kind === 'ftp' ? 'W' : 'bpm'}`;
  const from =
    t.source === 'manual'
      ? `${reader.kind === 'coach' ? 'the athlete’s' : 'your'} value from ${day(t.effectiveFrom)}`
      : t.source === 'estimated'
        ? `estimated ${day(t.effectiveFrom)} from earlier activities`
        : 'no threshold in effect that day';
  const inEffect = t.inEffect === null ? 'none' : text(t.inEffect);
  const label = THRESHOLD_LABELS[t.kind] ?? t.kind;
  return (
    <span className="zones-basis">
      {t.raisedBy === 'own_max_hr' ? (
        <>
          {label} {text(t.value)}, this activity’s own maximum (in effect: {inEffect}, {from}).{' '}
        </>
      ) : (
        <>
          {label} {text(t.value)} ({t.raisedBy && t.inEffect !== null ? `in effect: ${inEffect}, ${from}` : from}), as this activity’s load
          used.{' '}
        </>
      )}
      {t.kind === 'max_hr' ? <>Zones of {hrZonesFrom(t.kind, t.value)}, as the load and the easy runs read it. </> : null}
      {t.source === 'activity' ? (
        <Badge tone="warning">From this activity</Badge>
      ) : t.raisedBy ? (
        <Badge tone="info">Raised by this activity</Badge>
      ) : null}
    </span>
  );
}

function ZoneTable({ table: t, units, sport }: { table: Ok; units: Units; sport: string }) {
  const most = Math.max(1, ...t.zones.map((z) => z.seconds));
  return (
    <table className="table zones-table" data-testid={`zones-${t.kind}`}>
      <caption className="zones-caption">
        <span className="zones-title">{TITLES[t.kind]} zones</span> <ZoneBasis t={t.threshold} units={units} />
      </caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Zone and range</th>
          <th scope="col">Share</th>
          <th scope="col">Time</th>
        </tr>
      </thead>
      <tbody>
        {t.zones.map((z) => {
          const share = t.totalS > 0 ? z.seconds / t.totalS : 0;
          return (
            <tr key={z.zone}>
              <th scope="row" className="zone-name">
                Z{z.zone} {z.name}
                <span className="zone-range">{rangeText(t.kind, z, units, sport === 'swim')}</span>
              </th>
              <td className="zone-bar-cell">
                <svg className="zone-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect x="0" y="0" width="100" height="10" className="zone-bar-track" />
                  <rect x="0" y="0" width={(100 * z.seconds) / most} height="10" className="zone-bar-fill" data-zone={z.zone} />
                </svg>
                <span className="zone-share">{percent(share)}</span>
              </td>
              <td className="num zone-time">{clock(z.seconds)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Time in heart-rate, pace and power zones from the thresholds the activity's load used. */
export function ZonesCard({ view, units }: { view: StreamsView; units: Units }) {
  const reader = useActivityReader();
  if (!view.zones.length) return null;
  return (
    <Card id="zones" title="Zones" description="Time spent in each zone, from the thresholds this activity’s load used.">
      <div className="zones-grid">
        {view.zones.map((t) =>
          t.state === 'ok' ? (
            <ZoneTable key={t.kind} table={t} units={units} sport={view.sport} />
          ) : (
            <div key={t.kind} className="zones-missing" data-testid={`zones-${t.kind}`}>
              <p className="zones-title">{TITLES[t.kind]} zones</p>
              {reader.kind === 'coach' ? (
                <p>
                  The athlete has no {t.needs.map((k) => THRESHOLD_LABELS[k]?.toLowerCase() ?? k).join(' or ')} set, so there is no time in{' '}
                  {TITLES[t.kind].toLowerCase()} zones.
                </p>
              ) : (
                <p>
                  Set your {t.needs.map((k) => THRESHOLD_LABELS[k]?.toLowerCase() ?? k).join(' or ')} to see time in{' '}
                  {TITLES[t.kind].toLowerCase()} zones. <Link to="/settings/training">Set your threshold</Link>
                </p>
              )}
            </div>
          ),
        )}
      </div>
      <p className="table-note">
        {reader.kind === 'coach' ? (
          'The athlete’s thresholds and their dates are in their own settings; a change there applies to the days it covers.'
        ) : (
          <>
            Thresholds and their dates are in <Link to="/settings/training">Training thresholds</Link>; a change there applies to the days
            it covers.
          </>
        )}
      </p>
    </Card>
  );
}
