import { Link } from '@remix-run/react';
import { Badge, Card } from '~/components/ui';
import type { ActivityAnalysisView, Units } from '~/utils/analytics';
import { fixed, METRES_PER, pace, powerDuration, raceTime } from '~/utils/analytics-format';
import type { HeldRecord } from '~/utils/analytics.server';

type RunBest = ActivityAnalysisView['runBests'][number];
type PowerBest = ActivityAnalysisView['powerBests'][number];

const ORIGIN: Record<string, string> = { whole: 'Whole activity', stream: 'Within the activity', provider: 'Source’s best effort' };

function Records({ held }: { held: HeldRecord[] | undefined }) {
  if (!held?.length) return <span className="muted">—</span>;
  return (
    <span className="badge-row">
      {held.map((r) => (
        <Badge key={r.label} tone={r.kind === 'all-time' ? 'success' : 'info'}>
          {r.label}
        </Badge>
      ))}
    </span>
  );
}

function RunBests({
  bests,
  records,
  units,
  ageGradeMissing,
}: {
  bests: RunBest[];
  records: Record<number, HeldRecord[]>;
  units: Units;
  ageGradeMissing: string[];
}) {
  const graded = ageGradeMissing.length === 0;
  return (
    <>
      {!graded ? (
        <p className="note">
          Age grades need your {ageGradeMissing.join(' and ')}.{' '}
          <Link to="/settings#profile">Add {ageGradeMissing.length > 1 ? 'them' : 'it'} in Settings</Link>.
        </p>
      ) : null}
      {/* Narrow screens: a card per distance, every figure in view (CSS shows the cards or the table). */}
      <ul className="best-cards" aria-label="Run bests in this activity">
        {bests.map((b) => (
          <li key={b.distanceM} className="best-card">
            <h4 className="best-card-title">{b.label}</h4>
            <p className="best-card-figures">
              <span className="tabular">{raceTime(b.timeS)}</span>
              <span className="tabular">{pace((b.timeS / b.distanceM) * METRES_PER[units], units)}</span>
              {graded && b.ageGradePct !== null ? <span className="nowrap">{fixed(b.ageGradePct, 1)} % age grade</span> : null}
            </p>
            <p className="best-card-meta">
              {ORIGIN[b.origin] ?? b.origin}
              {records[b.distanceM]?.length ? (
                <>
                  {' '}
                  <Records held={records[b.distanceM]} />
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      <div className="table-scroll best-table" tabIndex={0} role="group" aria-label="Run bests in this activity">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Distance</th>
              <th scope="col" className="num">
                Time
              </th>
              <th scope="col" className="num">
                Pace
              </th>
              {graded ? (
                <th scope="col" className="num">
                  Age grade
                </th>
              ) : null}
              <th scope="col">Measured over</th>
              <th scope="col">Record</th>
            </tr>
          </thead>
          <tbody>
            {bests.map((b) => (
              <tr key={b.distanceM}>
                <th scope="row">{b.label}</th>
                <td className="num">{raceTime(b.timeS)}</td>
                <td className="num">{pace((b.timeS / b.distanceM) * METRES_PER[units], units)}</td>
                {graded ? <td className="num">{b.ageGradePct === null ? '—' : `${fixed(b.ageGradePct, 1)} %`}</td> : null}
                <td className="nowrap">{ORIGIN[b.origin] ?? b.origin}</td>
                <td>
                  <Records held={records[b.distanceM]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function PowerBests({ bests, records }: { bests: PowerBest[]; records: Record<number, HeldRecord[]> }) {
  return (
    <>
      <h3 className="section-title">Power</h3>
      {/* Narrow screens: a card per duration, as the run bests (a record's badges made the table wider than a phone). */}
      <ul className="best-cards best-cards-power" aria-label="Power bests in this activity">
        {bests.map((p) => (
          <li key={p.durationS} className="best-card">
            <h4 className="best-card-title">{powerDuration(p.durationS)}</h4>
            <p className="best-card-figures">
              <span className="tabular">{p.watts} W</span>
            </p>
            {records[p.durationS]?.length ? (
              <p className="best-card-meta">
                <Records held={records[p.durationS]} />
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="table-scroll best-table" tabIndex={0} role="group" aria-label="Power bests in this activity">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Duration</th>
              <th scope="col" className="num">
                Best average power
              </th>
              <th scope="col">Record</th>
            </tr>
          </thead>
          <tbody>
            {bests.map((p) => (
              <tr key={p.durationS}>
                <th scope="row">{powerDuration(p.durationS)}</th>
                <td className="num">{p.watts} W</td>
                <td>
                  <Records held={records[p.durationS]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The fastest efforts within the activity, the records among the athlete's bests it holds, and why any were not counted. */
export function ActivityBestsCard({
  sport,
  analysis: x,
  units,
  ageGradeMissing,
  runRecords,
  powerRecords,
}: {
  sport: string;
  analysis: ActivityAnalysisView | null;
  units: Units;
  ageGradeMissing: string[];
  runRecords: Record<number, HeldRecord[]>;
  powerRecords: Record<number, HeldRecord[]>;
}) {
  const runBests = x?.runBests ?? [];
  const powerBests = x?.powerBests ?? [];
  // Bests measured but not counted (faster than a world record, beyond your history...), each saying why.
  const exclusions = x?.exclusions ?? [];
  return (
    <Card
      id="activity-bests"
      title="Bests in this activity"
      description="The fastest efforts within this activity, and the records among your bests it holds."
    >
      {exclusions.map((e) => (
        <p key={`${e.kind}-${e.key ?? 'all'}`} className="note">
          {e.message}
        </p>
      ))}
      {runBests.length === 0 && powerBests.length === 0 && exclusions.length === 0 ? (
        <p className="note">
          {sport === 'run'
            ? 'No run distances were covered fast enough to measure, or the activity has no distance.'
            : sport === 'ride'
              ? 'No power data in this ride.'
              : `Bests are measured for runs and for rides with power.`}
        </p>
      ) : null}
      {runBests.length > 0 ? <RunBests bests={runBests} records={runRecords} units={units} ageGradeMissing={ageGradeMissing} /> : null}
      {powerBests.length > 0 ? <PowerBests bests={powerBests} records={powerRecords} /> : null}
    </Card>
  );
}
