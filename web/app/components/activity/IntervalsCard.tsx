// The activity page's intervals: the planned workout this activity completed (with the calendar's
// compliance), each planned rep against what was done, or — without a plan — the reps found in the
// streams. A steady session without a plan shows nothing: no structure is invented.
import { Link } from '@remix-run/react';
import { Badge, Card } from '~/components/ui';
import type { Units } from '~/utils/analytics';
import type { ActivityReview } from '~/utils/activity-review.server';
import { day } from '~/utils/analytics-format';
import { clock, heldText, repDistance, type Segment } from '~/utils/intervals';
import { BAND_LABELS } from '~/utils/plans';
import { type Show, ShowButton } from './LapsSplitsCard';
import { PlanVsDone, TONE } from './PlanVsDone';
import { StepsTable } from './StepsTable';
import { useActivityReader } from './activity-reader';

type Intervals = NonNullable<ActivityReview['intervals']>;
type Workout = NonNullable<Intervals['workout']>;

const BY = { duration: 'planned time', distance: 'planned distance', load: 'planned load' } as const;

function WorkoutLine({ w }: { w: Workout }) {
  const { workoutHref } = useActivityReader();
  // The server's one judgement of the workout (issue 55): the calendar's and the drawer's words too.
  const v = w.verdict;
  return (
    <p className="intervals-workout">
      Completed <Link to={workoutHref(w)}>{w.title}</Link>, planned for {day(w.date)}
      {v.band ? (
        <>
          {' · '}
          <Badge tone={TONE[v.band]}>{BAND_LABELS[v.band]}</Badge>
          {v.by === 'steps' ? <span className="muted"> by its steps</span> : null}
        </>
      ) : null}
      {w.compliance.ratio !== null ? (
        <span className="muted">
          {' '}
          ({Math.round(w.compliance.ratio * 100)} % of the {BY[w.compliance.by]})
        </span>
      ) : null}
    </p>
  );
}

/** The reps' average: "800 m in 3:45 at 4:41 /km, 158 bpm" (or "10:00 at 261 W" on power). */
function averageText(work: Segment[], units: Units, sport: string): string {
  const mean = (f: (s: Segment) => number | null) => {
    const xs = work.map(f).filter((x): x is number => x !== null);
    return xs.length === work.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  const seconds = mean((s) => s.durationS)!;
  const metres = mean((s) => s.distanceM);
  const speed = mean((s) => (s.distanceM !== null && s.movingS > 0 ? s.distanceM / s.movingS : null));
  const power = mean((s) => s.avgPower);
  const hr = mean((s) => s.avgHr);
  const pseudo = { ...work[0]!, avgSpeedMps: speed, avgPower: power };
  const held = heldText(pseudo, units, sport);
  return [
    `${metres !== null && sport !== 'ride' ? `${repDistance(metres, units)} in ` : ''}${clock(seconds)}${held ? ` at ${held}` : ''}`,
    hr !== null ? `${Math.round(hr)} bpm` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

function Detected({ segments, units, sport, onShow }: { segments: Segment[]; units: Units; sport: string; onShow: Show }) {
  const work = segments.filter((s) => s.kind === 'work');
  const after = (s: Segment) => segments.find((x) => x.startS === s.endS && x.kind === 'recovery');
  return (
    <>
      <p className="intervals-summary">
        {work.length === 1 ? 'One sustained block' : `${work.length} reps`} found in the recording, between a warm-up and a cool-down
        {work.length > 1 ? `: on average ${averageText(work, units, sport)}` : ''}.
      </p>
      <table className="table reps-table reps-found">
        <caption className="visually-hidden">Work segments found in the recording</caption>
        <thead>
          <tr>
            <th scope="col">Rep</th>
            <th scope="col" className="num">
              Time
            </th>
            <th scope="col" className="num">
              Distance
            </th>
            <th scope="col" className="num">
              {sport === 'ride' ? 'Power' : 'Pace'}
            </th>
            <th scope="col" className="num">
              HR
            </th>
            <th scope="col" className="num">
              Recovery
            </th>
          </tr>
        </thead>
        <tbody>
          {work.map((s, k) => {
            const rec = after(s);
            return (
              <tr key={s.startS}>
                <th scope="row">
                  {onShow ? (
                    <ShowButton
                      label={`Rep ${k + 1} of ${work.length}`}
                      name={`rep ${k + 1}`}
                      onShow={onShow}
                      from={s.startS}
                      to={s.endS}
                    />
                  ) : (
                    <>
                      Rep {k + 1} <span className="muted">of {work.length}</span>
                    </>
                  )}
                </th>
                <td data-label="Time" className="num">
                  {clock(s.durationS)}
                </td>
                <td data-label="Distance" className="num">
                  {s.distanceM ? repDistance(s.distanceM, units) : '—'}
                </td>
                <td data-label={sport === 'ride' ? 'Power' : 'Pace'} className="num">
                  {heldText(s, units, sport) ?? '—'}
                </td>
                <td data-label="HR" className="num">
                  {s.avgHr ? `${Math.round(s.avgHr)} bpm` : '—'}
                </td>
                <td data-label="Recovery" className="num">
                  {rec ? clock(rec.durationS) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** `onShow`: a rep's button zooms the charts to it and highlights it on the map (null: plain names, no charts). */
export function IntervalsCard({
  intervals: x,
  units,
  sport,
  onShow = null,
}: {
  intervals: Intervals | null;
  units: Units;
  sport: string;
  onShow?: Show;
}) {
  const reader = useActivityReader();
  if (!x || (!x.workout && !x.detection)) return null;
  const structured = x.planVsDone !== null || x.detection !== null;
  return (
    <Card
      id="intervals"
      title={structured ? 'Intervals' : 'Planned workout'}
      description={
        x.planVsDone
          ? `Each rep of the planned workout against what ${reader.kind === 'coach' ? 'the athlete' : 'you'} did, judged like the calendar: its time or distance and its target.`
          : undefined
      }
    >
      {x.workout ? <WorkoutLine w={x.workout} /> : null}
      {x.steps && x.steps.unaligned !== 'no_steps' ? <StepsTable steps={x.steps} units={units} sport={sport} /> : null}
      {x.planVsDone ? (
        x.detection || x.planVsDone.found > 0 ? (
          <PlanVsDone plan={x.planVsDone} units={units} sport={sport} onShow={onShow} />
        ) : (
          <p className="note">No reps could be read from the recording: it reads as one steady effort.</p>
        )
      ) : x.detection ? (
        <Detected segments={x.detection.segments} units={units} sport={sport} onShow={onShow} />
      ) : x.workout && !x.hasStreams ? (
        <p className="note">This recording has no second-by-second data, so its reps cannot be read.</p>
      ) : null}
    </Card>
  );
}
