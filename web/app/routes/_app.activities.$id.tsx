import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { DataQualityCard, LinkedCopiesCard } from '~/components/activity/ActivityProvenance';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Badge, Card, EmptyState, Icon, PageHeader, type BadgeTone } from '~/components/ui';
import {
  CONFIDENCE_LABELS,
  day,
  distanceFromMetres,
  elevation,
  fixed,
  METHOD_NAMES,
  METRES_PER,
  pace,
  powerDuration,
  raceTime,
  signed,
  speed,
  sportLabel,
  swimPace,
  THRESHOLD_LABELS,
  THRESHOLD_ORDER,
  type ActivityAnalysisView,
  type Units,
} from '~/utils/analytics';
import { loadActivityPage, type HeldRecord } from '~/utils/analytics.server';
import { loadActivityProvenance, splitActivity } from '~/utils/activities.server';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { formatDuration } from '~/utils/format';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.activity.name || 'Activity'} · Cadence` }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const id = args.params.id ?? '';
  const [page, provenance] = await Promise.all([
    loadActivityPage(args.context, viewer, id),
    loadActivityProvenance(args.context, viewer, id, new URL(args.request.url)),
  ]);
  return { ...page, provenance };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const values = formValues(await args.request.formData());
  if (values.intent === 'split') return splitActivity(args.context, viewer, args.params.id ?? '');
  throw new Response('Unknown action', { status: 400 });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Activity = Data['activity'];

const CONFIDENCE_TONE: Record<string, BadgeTone> = { high: 'success', medium: 'info', low: 'neutral' };
const ORIGIN: Record<string, string> = { whole: 'Whole activity', stream: 'Within the activity', provider: 'Source’s best effort' };

/** Pace for foot sports, per 100 m for swims, speed for rides; nothing for the rest. */
function paceOrSpeed(a: Activity, units: Units): { label: string; value: string } | null {
  if (a.distanceM <= 0 || a.movingTimeS <= 0) return null;
  if (a.sport === 'run' || a.sport === 'walk' || a.sport === 'hike') {
    const v = pace((a.movingTimeS / a.distanceM) * METRES_PER[units], units);
    return v ? { label: 'Average pace', value: v } : null;
  }
  if (a.sport === 'swim') {
    const v = swimPace(a.distanceM, a.movingTimeS);
    return v ? { label: 'Average pace', value: v } : null;
  }
  if (a.sport === 'ride') {
    const v = speed(a.distanceM, a.movingTimeS, units);
    return v ? { label: 'Average speed', value: v } : null;
  }
  return null;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** How the load was computed, in a sentence with the numbers it came from. */
function methodSentence(x: ActivityAnalysisView, a: Activity, units: Units, durationRate: number | null): ReactNode {
  const used = x.thresholdsUsed;
  const hr = used.lthr
    ? `threshold heart rate ${used.lthr}`
    : used.max_hr
      ? `a threshold heart rate of 89 % of your maximum (${used.max_hr})`
      : 'your threshold heart rate';
  switch (x.method) {
    case 'power_tss': {
      const np = x.normalizedPower
        ? `normalized power ${Math.round(x.normalizedPower)} W`
        : a.avgPower
          ? `average power ${Math.round(a.avgPower)} W`
          : 'power';
      return `Power TSS from ${np} vs FTP ${used.ftp ?? '—'}.`;
    }
    case 'rtss': {
      const p = x.gradedPace
        ? `grade-adjusted pace ${pace(x.gradedPace, units)}`
        : `average pace ${pace((a.movingTimeS / a.distanceM) * METRES_PER[units], units)}`;
      return `Run TSS from ${p} vs threshold pace ${used.threshold_pace ?? '—'}.`;
    }
    case 'swim_tss':
      return `Swim TSS from average pace ${swimPace(a.distanceM, a.movingTimeS) ?? '—'} vs critical swim speed ${used.css ?? '—'}.`;
    case 'hr_tss':
      return `Heart-rate TSS from average heart rate ${a.avgHr ? `${Math.round(a.avgHr)} bpm` : '—'} vs ${hr}, above a resting heart rate of ${used.resting_hr ?? '60 bpm (assumed)'}.`;
    default:
      return (
        <>
          Estimated from duration
          {durationRate ? ` (${durationRate} per hour for a ${sportLabel(a.sport).toLowerCase()} at moderate effort)` : ''}: there was no
          power, pace or heart rate to compare with a threshold. <Link to="/settings/training">Add thresholds in Settings</Link> for a
          better figure.
        </>
      );
  }
}

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

export default function ActivityPage() {
  const {
    activity: a,
    analysis: x,
    units,
    durationRate,
    ageGradeMissing,
    runRecords,
    powerRecords,
    provenance,
  } = useLoaderData<typeof loader>();
  const move = paceOrSpeed(a, units);
  const sportName = sportLabel(a.sport);
  const graded = ageGradeMissing.length === 0;
  const used = new Set<string>(x?.usedKinds ?? []);
  // The ones this load was computed from first, then the rest in effect that day.
  const thresholds = x
    ? [...THRESHOLD_ORDER].filter((k) => x.thresholdsUsed[k]).sort((p, q) => Number(used.has(q)) - Number(used.has(p)))
    : [];
  const runBests = x?.runBests ?? [];
  const powerBests = x?.powerBests ?? [];
  // Bests measured but not counted (faster than a world record, beyond your history...), each saying why.
  const exclusions = x?.exclusions ?? [];
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/activities">Activities</Link>}
        title={a.name || 'Untitled activity'}
        description={`${day(a.date)} · ${sportName}${a.sportOriginal && a.sportOriginal.toLowerCase() !== a.sport ? ` (${a.sportOriginal})` : ''} · ${a.source}`}
      />
      {provenance.split === 'done' ? (
        <Alert tone="success" className="page-alert">
          Counted as a separate activity from now on.
        </Alert>
      ) : a.duplicateOf ? (
        <Alert tone="info" className="page-alert">
          Another recording of the same effort came in too. Totals and charts count it once, as{' '}
          <Link to={`/activities/${a.duplicateOf}`}>the other copy</Link>.
        </Alert>
      ) : null}
      <div className="stack">
        <Card id="summary" title="Summary">
          <dl className="activity-facts">
            <Fact label="Started">{a.startedAt}</Fact>
            {a.distanceM > 0 ? <Fact label="Distance">{distanceFromMetres(a.distanceM, units, 2)}</Fact> : null}
            <Fact label="Moving time">{formatDuration(a.movingTimeS)}</Fact>
            {a.elapsedTimeS !== a.movingTimeS ? <Fact label="Elapsed time">{formatDuration(a.elapsedTimeS)}</Fact> : null}
            {move ? <Fact label={move.label}>{move.value}</Fact> : null}
            {x?.gradedPace && a.sport === 'run' ? <Fact label="Grade-adjusted pace">{pace(x.gradedPace, units)}</Fact> : null}
            {a.avgHr ? <Fact label="Average HR">{Math.round(a.avgHr)} bpm</Fact> : null}
            {a.maxHr ? <Fact label="Max HR">{Math.round(a.maxHr)} bpm</Fact> : null}
            {a.avgPower ? <Fact label="Average power">{Math.round(a.avgPower)} W</Fact> : null}
            {x?.normalizedPower ? <Fact label="Normalized power">{Math.round(x.normalizedPower)} W</Fact> : null}
            {a.elevationGainM ? <Fact label="Elevation gain">{elevation(a.elevationGainM, units)}</Fact> : null}
            {x?.decouplingPct !== null && x?.decouplingPct !== undefined ? (
              <Fact label="Decoupling">{signed(x.decouplingPct, 1)} %</Fact>
            ) : null}
          </dl>
        </Card>

        <LinkedCopiesCard id={a.id} provenance={provenance} />
        <DataQualityCard notes={provenance.notes} />

        <Card
          id="load"
          title="Training load"
          description="How much this activity adds to fitness and fatigue, and how that number was worked out."
        >
          {x ? (
            <>
              <p className="load-head">
                <span className="load-value">{fixed(x.load, 0)}</span>
                <span className="muted">{METHOD_NAMES[x.method]}</span>
                <Badge tone={CONFIDENCE_TONE[x.confidence] ?? 'neutral'}>{CONFIDENCE_LABELS[x.confidence]}</Badge>
              </p>
              <p className="load-method">{methodSentence(x, a, units, durationRate)}</p>
              <dl className="kv">
                {x.intensity !== null ? (
                  <div>
                    <dt>Intensity factor</dt>
                    <dd>{fixed(x.intensity, 2)}</dd>
                  </div>
                ) : null}
                {thresholds.map((k) => (
                  <div key={k}>
                    <dt>{THRESHOLD_LABELS[k]}</dt>
                    <dd>
                      {x.thresholdsUsed[k]} {used.has(k) ? <Badge tone="info">Used for this load</Badge> : null}
                    </dd>
                  </div>
                ))}
              </dl>
              <p className="card-footnote">
                {thresholds.length > 0
                  ? `Thresholds in effect on ${day(a.date)}, from your own values or estimates. `
                  : `No thresholds were in effect on ${day(a.date)}. `}
                <Link to="/settings/training">Training thresholds</Link>
              </p>
            </>
          ) : (
            <EmptyState icon={<Icon name="chart" />} title="Not calculated yet" level={3}>
              <p>This activity's load is computed shortly after it arrives.</p>
            </EmptyState>
          )}
        </Card>

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
              {a.sport === 'run'
                ? 'No run distances were covered fast enough to measure, or the activity has no distance.'
                : a.sport === 'ride'
                  ? 'No power data in this ride.'
                  : `Bests are measured for runs and for rides with power.`}
            </p>
          ) : null}
          {runBests.length > 0 ? (
            <>
              {!graded ? (
                <p className="note">
                  Age grades need your {ageGradeMissing.join(' and ')}.{' '}
                  <Link to="/settings#profile">Add {ageGradeMissing.length > 1 ? 'them' : 'it'} in Settings</Link>.
                </p>
              ) : null}
              <div className="table-scroll" tabIndex={0} role="group" aria-label="Run bests in this activity">
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
                    {runBests.map((b) => (
                      <tr key={b.distanceM}>
                        <th scope="row">{b.label}</th>
                        <td className="num">{raceTime(b.timeS)}</td>
                        <td className="num">{pace((b.timeS / b.distanceM) * METRES_PER[units], units)}</td>
                        {graded ? <td className="num">{b.ageGradePct === null ? '—' : `${fixed(b.ageGradePct, 1)} %`}</td> : null}
                        <td className="nowrap">{ORIGIN[b.origin] ?? b.origin}</td>
                        <td>
                          <Records held={runRecords[b.distanceM]} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          {powerBests.length > 0 ? (
            <>
              <h3 className="section-title">Power</h3>
              <div className="table-scroll" tabIndex={0} role="group" aria-label="Power bests in this activity">
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
                    {powerBests.map((p) => (
                      <tr key={p.durationS}>
                        <th scope="row">{powerDuration(p.durationS)}</th>
                        <td className="num">{p.watts} W</td>
                        <td>
                          <Records held={powerRecords[p.durationS]} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </Card>
      </div>
    </>
  );
}
