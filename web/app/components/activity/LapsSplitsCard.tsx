import { useState } from 'react';
import { type StreamsView, clock, covered, speedStyleOf, speedText } from '~/utils/activity-streams';
import type { Units } from '~/utils/analytics';
import { elevation, fixed, METRES_PER, MINUS } from '~/utils/analytics-format';
import { Card } from '../ui';

type Split = StreamsView['splits'][number];
type Lap = StreamsView['laps'][number];

const unitName = (units: Units) => (units === 'mi' ? 'Mile' : 'Km');

export function ShowButton({ label, name, onShow, from, to }: { label: string; name: string; onShow: Show; from: number; to: number }) {
  if (!onShow) return <>{label}</>;
  return (
    <button type="button" className="row-zoom" onClick={() => onShow(from, to)} aria-label={`Show ${name} on the charts`}>
      {label}
      <span aria-hidden="true"> ›</span>
    </button>
  );
}

export type Show = ((from: number, to: number) => void) | null;

/** "+16 m −5 m"; a side under half a metre (or foot) is left out, so a flat split reads "0 m", not "+0 m −0 m". */
function Climb({ gainM, lossM, units }: { gainM: number; lossM: number; units: Units }) {
  const up = elevation(gainM, units);
  const down = elevation(lossM, units);
  const has = (text: string) => !/^0 /.test(text);
  if (!has(up) && !has(down)) return <>{elevation(0, units)}</>;
  return (
    <>
      {has(up) ? `+${up}` : null}
      {has(down) ? (
        <span className="split-loss">
          {has(up) ? ' ' : ''}
          {MINUS}
          {down}
        </span>
      ) : null}
    </>
  );
}

function SplitsTable({ view, units, onShow }: { view: StreamsView; units: Units; onShow: Show }) {
  const style = speedStyleOf(view.sport);
  const has = (c: string) => view.channels.includes(c as StreamsView['channels'][number]);
  const unit = METRES_PER[units];
  const label = (s: Split) => (Math.abs(s.distanceM - unit) < 1 ? String(s.index) : fixed(s.index - 1 + s.distanceM / unit, 2));
  return (
    <table className="table splits-table" data-testid="splits-table">
      <caption className="visually-hidden">
        Splits per {units === 'mi' ? 'mile' : 'kilometre'}: time, {style === 'speed' ? 'speed' : 'pace'} and the averages of each
      </caption>
      <thead>
        <tr>
          <th scope="col">{unitName(units)}</th>
          <th scope="col" className="num">
            Time
          </th>
          <th scope="col" className="num">
            {style === 'speed' ? 'Speed' : 'Pace'}
          </th>
          {has('gap') ? (
            <th scope="col" className="num col-opt">
              GAP
            </th>
          ) : null}
          {has('hr') ? (
            <th scope="col" className="num">
              HR
            </th>
          ) : null}
          {has('power') ? (
            <th scope="col" className="num col-opt">
              Power
            </th>
          ) : null}
          {has('cadence') ? (
            <th scope="col" className="num col-opt">
              Cadence
            </th>
          ) : null}
          {has('altitude') ? (
            <th scope="col" className="num">
              Elev.
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {view.splits.map((s) => (
          <tr key={s.index}>
            <th scope="row">
              <ShowButton label={label(s)} name={`split ${s.index}`} onShow={onShow} from={s.from} to={s.to} />
            </th>
            <td className="num">{clock(s.elapsedS)}</td>
            <td className="num">{speedText(s.speed, style, units)}</td>
            {has('gap') ? <td className="num col-opt">{speedText(s.gap, 'pace', units)}</td> : null}
            {has('hr') ? <td className="num">{s.hr == null ? '—' : Math.round(s.hr)}</td> : null}
            {has('power') ? <td className="num col-opt">{s.power == null ? '—' : Math.round(s.power)}</td> : null}
            {has('cadence') ? <td className="num col-opt">{s.cadence == null ? '—' : Math.round(s.cadence)}</td> : null}
            {has('altitude') ? (
              <td className="num">
                {s.gainM !== null && s.lossM !== null ? <Climb gainM={s.gainM} lossM={s.lossM} units={units} /> : '—'}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LapsTable({ view, units, onShow }: { view: StreamsView; units: Units; onShow: Show }) {
  const style = speedStyleOf(view.sport);
  const computed = view.laps.some((l) => l.fromStreams.length > 0);
  const any = (k: 'avgHr' | 'avgPower' | 'avgCadence') => view.laps.some((l) => l[k] !== null);
  const mark = (l: Lap, what: string) => (l.fromStreams.includes(what) ? '*' : '');
  return (
    <>
      <table className="table laps-table" data-testid="laps-table">
        <caption className="visually-hidden">The device's laps as recorded</caption>
        <thead>
          <tr>
            <th scope="col">Lap</th>
            <th scope="col" className="num">
              Time
            </th>
            <th scope="col" className="num">
              Distance
            </th>
            <th scope="col" className="num">
              {style === 'speed' ? 'Speed' : 'Pace'}
            </th>
            {any('avgHr') ? (
              <th scope="col" className="num">
                HR
              </th>
            ) : null}
            {any('avgPower') ? (
              <th scope="col" className="num col-opt">
                Power
              </th>
            ) : null}
            {any('avgCadence') ? (
              <th scope="col" className="num col-opt">
                Cadence
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {view.laps.map((l) => (
            <tr key={l.index}>
              <th scope="row">
                <ShowButton
                  label={String(l.index)}
                  name={`lap ${l.index}`}
                  onShow={view.series ? onShow : null}
                  from={l.startS}
                  to={l.startS + l.elapsedS}
                />
              </th>
              <td className="num">{clock(l.elapsedS)}</td>
              <td className="num">{l.distanceM ? covered(l.distanceM, units) : '—'}</td>
              <td className="num">{speedText(l.avgSpeedMps, style, units)}</td>
              {any('avgHr') ? (
                <td className="num">
                  {l.avgHr == null ? '—' : Math.round(l.avgHr)}
                  {mark(l, 'hr')}
                </td>
              ) : null}
              {any('avgPower') ? (
                <td className="num col-opt">
                  {l.avgPower == null ? '—' : Math.round(l.avgPower)}
                  {mark(l, 'power')}
                </td>
              ) : null}
              {any('avgCadence') ? (
                <td className="num col-opt">
                  {l.avgCadence == null ? '—' : Math.round(l.avgCadence)}
                  {mark(l, 'cadence')}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {computed ? <p className="table-note">* Not recorded by the device for that lap: averaged from the activity's streams.</p> : null}
    </>
  );
}

/** Automatic splits per km or mile (the athlete's units), and the device's own laps; a row's button zooms the charts to it. */
export function LapsSplitsCard({ view, units, onShow }: { view: StreamsView; units: Units; onShow: Show }) {
  const hasSplits = view.splits.length > 0;
  const hasLaps = view.laps.length > 0;
  const [tab, setTab] = useState<'splits' | 'laps'>(hasSplits ? 'splits' : 'laps');
  if (!hasSplits && !hasLaps) return null;
  const shown = hasSplits && hasLaps ? tab : hasSplits ? 'splits' : 'laps';
  return (
    <Card
      id="laps"
      title={hasSplits && hasLaps ? 'Laps and splits' : hasSplits ? 'Splits' : 'Laps'}
      description={
        shown === 'splits'
          ? `Every ${units === 'mi' ? 'mile' : 'kilometre'} of the recording; pace is over moving time.${onShow ? ' Choose a split to see it on the charts.' : ''}`
          : `${view.laps.length} ${view.laps.length === 1 ? 'lap' : 'laps'} as the device recorded them.`
      }
      actions={
        hasSplits && hasLaps ? (
          <div className="axis-toggle" role="group" aria-label="Show">
            <button type="button" className="axis-button" aria-pressed={shown === 'splits'} onClick={() => setTab('splits')}>
              Splits
            </button>
            <button type="button" className="axis-button" aria-pressed={shown === 'laps'} onClick={() => setTab('laps')}>
              Laps ({view.laps.length})
            </button>
          </div>
        ) : null
      }
    >
      <div className="splits-scroll">
        {shown === 'splits' ? (
          <SplitsTable view={view} units={units} onShow={onShow} />
        ) : (
          <LapsTable view={view} units={units} onShow={onShow} />
        )}
      </div>
    </Card>
  );
}
