import { formatDay, formatRaceTime } from '../../../../worker/lib/format';
import type { RaceFuelling } from '../../../../worker/features/races';
import { Badge, Card } from '../ui';
import { finishTime } from './RaceCard';

// A race's fuelling plan (issue 56): carbohydrate per hour and why (the duration band, gut training), fluids with
// the sweat rate's receipts or the conservative default, the sodium range, and the table per aid station or per gel.

type Plan = NonNullable<RaceFuelling['plan']>;
type Range = { low: number; high: number };

const ml = (l: number) => Math.round(l * 1000);
const range = (r: Range, f: (n: number) => number, unit: string) =>
  f(r.low) === f(r.high) ? `${f(r.low)} ${unit}` : `${f(r.low)}–${f(r.high)} ${unit}`;
const litres = (r: Range) => (r.low === r.high ? `${r.low.toFixed(2)} L/h` : `${r.low.toFixed(1)}–${r.high.toFixed(1)} L/h`);
const km = (m: number) => `${(m / 1000).toFixed(1)} km`;
const round = (n: number) => Math.round(n);

export function FuellingPlan({ plan }: { plan: Plan }) {
  const { carbs, fluids } = plan;
  const perGel = plan.layout.kind === 'gels';
  return (
    <div className="stack">
      <p>
        Expected finish {finishTime(plan.durationS)}: {plan.durationBasis} {plan.clockBasis}
      </p>
      <Card title={`Carbohydrate: ${carbs.gPerH} g per hour`} id="fuel-carbs" description={`Race of ${carbs.band}`}>
        {carbs.gPerH > 0 ? (
          <p>
            {carbs.glucoseGPerH} g glucose or maltodextrin
            {carbs.fructoseGPerH > 0 ? ` with ${carbs.fructoseGPerH} g fructose` : ''} each hour.
          </p>
        ) : null}
        <ul>
          {carbs.basis.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
        <p>
          <Badge tone={carbs.gutTraining.trained ? 'success' : 'neutral'}>
            {carbs.gutTraining.trained ? 'Gut trained' : 'Gut training'}
          </Badge>{' '}
          {carbs.gutTraining.basis}
        </p>
      </Card>
      <Card title={`Fluids: ${litres(fluids.lPerH)}`} id="fuel-fluids">
        <ul>
          {fluids.basis.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
        {fluids.sweat ? (
          <div className="table-scroll" tabIndex={0} role="group" aria-label="Sweat tests the plan uses">
            <table className="table fuel-table">
              <caption>Sweat tests used</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Rate</th>
                  <th scope="col">Temperature</th>
                </tr>
              </thead>
              <tbody>
                {fluids.sweat.used.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">{formatDay(t.date)}</th>
                    <td>{t.rateLPerH.toFixed(2)} L/h</td>
                    <td>{t.temperatureC === null ? 'not given' : `${t.temperatureC} °C`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
      <Card title={`Sodium: ${range(fluids.sodiumMgPerH, round, 'mg')} per hour`} id="fuel-sodium">
        <p>{fluids.sodiumBasis}</p>
      </Card>
      <Card
        title={perGel ? 'Per gel' : 'Per aid station'}
        id="fuel-stops"
        description={perGel ? `A ${(plan.layout as { gramsPerGel?: number }).gramsPerGel} g gel each time one is due.` : undefined}
      >
        {plan.stops.length === 0 ? (
          <p>{plan.notes[0]}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="group" aria-label="What to take where">
            <table className="table fuel-stops-table race-reflow">
              <caption className="visually-hidden">
                {perGel ? `A ${(plan.layout as { gramsPerGel?: number }).gramsPerGel} g gel each time one is due` : 'At each aid station'},
                each covering the stretch since the one before
              </caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col" className="num">
                    Distance
                  </th>
                  <th scope="col" className="num">
                    Clock
                  </th>
                  <th scope="col" className="num">
                    Carbohydrate
                  </th>
                  <th scope="col" className="num">
                    Fluid
                  </th>
                  <th scope="col" className="num">
                    Sodium
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.stops.map((s) => (
                  <tr key={s.n}>
                    <th scope="row">{s.n}</th>
                    <td className="num" data-label="Distance">
                      {km(s.distanceM)}
                    </td>
                    <td className="num" data-label="Clock">
                      {formatRaceTime(s.clockS)}
                    </td>
                    <td className="num" data-label="Carbohydrate">
                      {round(s.carbsG)} g
                    </td>
                    <td className="num" data-label="Fluid">
                      {range(s.fluidL, ml, 'ml')}
                    </td>
                    <td className="num" data-label="Sodium">
                      {range(s.sodiumMg, round, 'mg')}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    Total
                  </th>
                  <td className="num" data-label="Carbohydrate">
                    {round(plan.totals.carbsG)} g
                  </td>
                  <td className="num" data-label="Fluid">
                    {range(plan.totals.fluidL, ml, 'ml')}
                  </td>
                  <td className="num" data-label="Sodium">
                    {range(plan.totals.sodiumMg, round, 'mg')}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        {plan.stops.length > 0 && plan.notes.length > 0 ? <p className="muted">{plan.notes.join(' ')}</p> : null}
      </Card>
    </div>
  );
}
