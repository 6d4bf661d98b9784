import { Link } from '@remix-run/react';
import type { TriathlonPlanResponse } from '../../../../worker/features/races';
import { formatDay, formatRaceTime } from '../../../../worker/lib/format';
import { Badge, Card } from '../ui';

// A triathlon's legs (ADR 096, triathlon slice): each target with the threshold and date it rests on, the bike's
// budget and closed form, the long rides and bricks behind the numbers (linked to their activities), or per leg
// what would help. Rounding happens here only.

type Plan = TriathlonPlanResponse['plan'];
type Threshold = { value: number; source: 'manual' | 'estimated'; effectiveFrom: string; activityId: string | null; note: string | null };
type NotEnough = { state: 'notEnoughData'; reason: string; help: string[] };

const mmss = (s: number) => `${Math.floor(Math.round(s) / 60)}:${String(Math.round(s) % 60).padStart(2, '0')}`;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const minutes = (s: number) => `${Math.round(s / 60)} min`;

export function ThresholdReceipt({ t, what }: { t: Threshold; what: string }) {
  return (
    <>
      {what}, {t.source === 'manual' ? 'your value' : 'estimated'} from {formatDay(t.effectiveFrom)}
      {t.activityId ? (
        <>
          {' '}
          (<Link to={`/activities/${t.activityId}`}>the effort behind it</Link>)
        </>
      ) : null}
      {t.note ? ` — ${t.note}` : ''}
    </>
  );
}

export function LegMissing({ leg }: { leg: NotEnough }) {
  return (
    <>
      <p>
        <strong>Not enough data yet:</strong> {leg.reason}.
      </p>
      <ul>
        {leg.help.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
    </>
  );
}

export function SwimCard({ swim }: { swim: Plan['swim'] }) {
  return (
    <Card title="Swim" id="swim">
      {swim.state === 'planned' ? (
        <>
          <p>
            <strong>{mmss(swim.paceSPer100m)} /100 m</strong> for {swim.distanceM} m: {formatRaceTime(swim.timeS)}.
          </p>
          <p className="muted">
            {pct(swim.fraction)} of your swim threshold ({mmss(100 / swim.threshold.value)} /100 m:{' '}
            <ThresholdReceipt t={swim.threshold} what="CSS" />
            ). The share by distance is our stated assumption: CSS is about a 1500 m effort, so longer swims sit a little below it. Open
            water, a wetsuit and the start are not modelled.
          </p>
        </>
      ) : (
        <LegMissing leg={swim} />
      )}
    </Card>
  );
}

export function BikeCard({ bike, whatIf, whatIfWhy }: { bike: Plan['bike']; whatIf: Plan['whatIf']; whatIfWhy: string | null }) {
  if (bike.state !== 'planned')
    return (
      <Card title="Bike" id="bike">
        <LegMissing leg={bike} />
      </Card>
    );
  return (
    <Card title="Bike" id="bike">
      <p>
        <strong>{Math.round(bike.targetPowerW)} W</strong> (IF {bike.intensityFactor.toFixed(2)}) for {bike.distanceM / 1000} km:{' '}
        {formatRaceTime(bike.timeS)} at {(bike.speedMps * 3.6).toFixed(1)} km/h.
      </p>
      <p>
        Budget {bike.tssBudget} TSS (
        {bike.budgetSource === 'assumption' ? 'our stated assumption for this format' : 'the usual budget for this format'}).
        {` IF = √(TSS ÷ (100 × h)) = √(${bike.tssBudget} ÷ (100 × ${bike.hours.toFixed(2)})) = ${Math.sqrt(bike.tssBudget / (100 * bike.hours)).toFixed(3)}`}
        {bike.capped
          ? `, capped at ${bike.intensityFactor.toFixed(2)}: FTP is about an hour’s power, so this plan spends ${Math.round(bike.tss)} TSS`
          : ''}
        ; power = IF × FTP ({Math.round(bike.ftp.value)} W: <ThresholdReceipt t={bike.ftp} what="FTP" />
        ).
      </p>
      <p>
        {bike.timeSource === 'longRides'
          ? 'The bike time is your long rides’ speed carried to this power (speed goes with the cube root of power on the flat).'
          : 'The bike time is the one you entered: no ride of 2 hours or more with power gives the speed.'}{' '}
        Keep the variability index (NP ÷ average power) at or below <strong>{bike.viTarget.toFixed(2)}</strong>.
      </p>
      <p>
        {bike.check.state === 'above' ? <Badge tone="warning">Above your long rides</Badge> : null}
        {bike.check.state === 'ftpLow' ? <Badge tone="warning">Check your FTP</Badge> : null} {bike.check.text}
      </p>
      {bike.longRides.length ? (
        <table className="table table-stack race-rides-table">
          <caption>Your long rides (2 h or more, with power), highest IF first</caption>
          <thead>
            <tr>
              <th scope="col">Ride</th>
              <th scope="col">Time</th>
              <th scope="col">NP</th>
              <th scope="col">IF</th>
              <th scope="col">VI</th>
            </tr>
          </thead>
          <tbody>
            {bike.longRides.map((r) => (
              <tr key={r.activityId}>
                <th scope="row">
                  <Link to={`/activities/${r.activityId}`}>{r.name}</Link>, {formatDay(r.date)}
                </th>
                <td data-label="Time">{formatRaceTime(r.durationS)}</td>
                <td data-label="NP">{Math.round(r.normalizedPowerW)} W</td>
                <td data-label="IF">{r.intensityFactor.toFixed(2)}</td>
                <td data-label="VI">{r.variabilityIndex === null ? '—' : r.variabilityIndex.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h3>What if you ride a little harder</h3>
      {whatIf?.length ? (
        <ul>
          {whatIf.map((w) => (
            <li key={w.ifDelta}>
              IF {w.intensityFactor.toFixed(2)} (+{w.ifDelta.toFixed(2)}): {minutes(w.bikeSecondsSaved)} saved on the bike,{' '}
              {Math.round(w.tssAdded)} TSS more;{' '}
              {w.runCostS === null ? `the run’s cost: ${w.runCostWhy}` : `the run loses about ${minutes(w.runCostS)} (${w.runCostWhy})`}.
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{whatIfWhy ?? 'Riding harder would pass your FTP: not planned.'}</p>
      )}
    </Card>
  );
}

export function RunCard({ run, bricks }: { run: Plan['run']; bricks: Plan['bricks'] }) {
  return (
    <Card title="Run off the bike" id="run">
      {run.state === 'planned' ? (
        <p>
          <strong>{mmss(run.paceSPerKm)} /km</strong> for {run.distanceM / 1000} km: {formatRaceTime(run.timeS)} —{' '}
          {mmss(run.freshPaceSPerKm)} /km fresh (from your threshold pace {mmss(1000 / run.threshold.value)} /km:{' '}
          <ThresholdReceipt t={run.threshold} what="threshold pace" />
          ), slowed {pct(run.slowdown)}.
        </p>
      ) : (
        <LegMissing leg={run} />
      )}
      {bricks.state === 'calibrated' ? (
        <p>
          <Badge tone="success">Calibrated</Badge> The slowdown is yours: from {bricks.bricks.length} bricks, each run against your fresh
          runs at the same heart rate.
        </p>
      ) : (
        <p>
          <Badge>Uncalibrated</Badge> {pct(bricks.slowdown)} is our conservative default, not evidence: {bricks.reason}. No validated
          formula maps bike intensity to the run’s slowdown.
        </p>
      )}
      {bricks.bricks.length ? (
        <ul>
          {bricks.bricks.map((b) => (
            <li key={b.runId}>
              {formatDay(b.date)}: <Link to={`/activities/${b.runId}`}>{b.runName}</Link> {minutes(b.gapS)} after{' '}
              <Link to={`/activities/${b.rideId}`}>{b.rideName}</Link> — {mmss(b.brickPaceSPerKm)} /km against {mmss(b.freshPaceSPerKm)} /km
              fresh ({b.freshRuns} runs), {pct(b.slowdown)} slower
            </li>
          ))}
        </ul>
      ) : null}
      {bricks.excluded.length ? (
        <details>
          <summary>Runs off the bike left out</summary>
          <ul>
            {bricks.excluded.map((e) => (
              <li key={e.runId}>
                <Link to={`/activities/${e.runId}`}>{e.runName}</Link>, {formatDay(e.date)}: {e.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}
