// A workout's drawer: what and why, its steps, planned vs actual, and what can be done with it (skip or
// restore; move, swap, edit, re-link and downloads on Pro; save to the library). The controls the viewer's membership locks are
// listed locked, with what they do and the upgrade link, instead of being offered (ADR 035).
import { Link } from '@remix-run/react';
import { useState } from 'react';
import type { PlanWorkout } from '~/utils/plans.server';
import { BAND_LABELS, distanceText, minutes, PHASE_LABELS, SPORT_LABELS, STATUS_LABELS, stepLines, type Units } from '~/utils/plans';
import { day } from '~/utils/analytics-format';
import { drawerControls, type PlanLocks, splitControls } from '~/utils/plan-locks';
import type { AthleteThreads } from '../../../../worker/features/comments/comments.schema';
import { WorkoutComments } from '../comments/WorkoutComments';
import { Badge, Button } from '../ui';
import { type DayActivity, LinkControls } from './LinkControls';
import { LockedControls } from './Locked';
import { MarkDone } from './MarkDone';
import { PlanDialog } from './PlanDialog';
import { WorkoutDates } from './WorkoutDates';
import { WorkoutForm, type WorkoutFields } from './WorkoutForm';
import { WorkoutProfile, WorkoutStepsText } from './WorkoutProfile';
import { WorkoutDownloads } from './WorkoutDownloads';
import { type StepsState, useWorkoutSteps, WorkoutSteps } from './WorkoutSteps';
import { isStructured, type Workout } from '~/utils/workout-builder';

interface Props {
  w: PlanWorkout;
  planId: string;
  plan: { startDate: string; endDate: string };
  units: Units;
  busy: boolean;
  /** What the viewer's membership does not include (plan-locks.ts). */
  locks: PlanLocks;
  canExport: boolean;
  onClose: () => void;
  onSkip: (skipped: boolean) => void;
  onMove: (date: string) => void;
  onEdit: (fields: WorkoutFields) => void;
  /** Any other change through the plan API (link, unlink, swap): closes the drawer, toasts, offers Undo. */
  onRun: (text: string, path: string, body?: unknown) => void;
  /** The athlete's activities on this workout's day. */
  activities: DayActivity[];
  /** "Save to library": this workout, without its day, into the athlete's library. */
  onSaveToLibrary?: () => void;
  /** Its conversation when the page loaded it (the URL opened this drawer); else fetched on opening. */
  comments?: AthleteThreads | null;
}

const TONE = { green: 'success', yellow: 'warning', red: 'danger' } as const;

function Compliance({ w, units, steps }: { w: PlanWorkout; units: Units; steps: StepsState }) {
  const a = w.activity;
  // The server's one judgement of the workout once fetched (issue 55), the activity page's words; the ratio stays beside it.
  const verdict = steps.state === 'done' && w.status === 'completed' ? steps.verdict : null;
  const overall = verdict?.by === 'steps' ? verdict : null;
  const band = verdict ? verdict.band : w.compliance.band;
  const planned = [
    minutes(w.durationSec),
    distanceText(w.distanceM, units, w.sport),
    w.targetLoad ? `load ${Math.round(w.targetLoad)}` : null,
  ];
  return (
    <section className="plan-drawer-section" aria-label="Planned and actual">
      <p>
        <Badge tone={band ? TONE[band] : 'neutral'}>{w.status === 'completed' && band ? BAND_LABELS[band] : STATUS_LABELS[w.status]}</Badge>
        {overall ? <span className="plan-ratio"> by its steps</span> : null}
        {w.compliance.ratio !== null && w.status === 'completed' ? (
          <span className="plan-ratio">
            {overall ? ' · ' : ' '}
            {Math.round(w.compliance.ratio * 100)} % of planned {w.compliance.by}
          </span>
        ) : null}
      </p>
      <dl className="plan-facts">
        <div>
          <dt>Planned</dt>
          <dd>{planned.filter(Boolean).join(' · ')}</dd>
        </div>
        {a ? (
          <div>
            <dt>Actual</dt>
            <dd>
              {[minutes(a.movingTimeS), distanceText(a.distanceM, units, w.sport), a.load !== null ? `load ${Math.round(a.load)}` : null]
                .filter(Boolean)
                .join(' · ')}{' '}
              · <Link to={`/activities/${a.id}#intervals`}>See the activity, step by step</Link>
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

export function WorkoutDrawer({
  w,
  planId,
  plan,
  units,
  busy,
  locks,
  canExport,
  onClose,
  onSkip,
  onMove,
  onEdit,
  onRun,
  activities,
  onSaveToLibrary,
  comments,
}: Props) {
  const [editing, setEditing] = useState(false);
  const done = w.status === 'completed' && w.activity && w.steps.length > 0 ? w.activity.id : null;
  const stepCheck = useWorkoutSteps(done, w.id);
  const tree: Workout = { sport: w.sport as Workout['sport'], steps: w.steps as unknown as Workout['steps'] };
  // A structured workout's steps in their text form; the plans' flat steps as before.
  const structured = isStructured(tree.steps);
  const steps = structured ? [] : stepLines(w.steps, units);
  // Only the controls the viewer may use are rendered as controls; the rest are listed locked.
  const controls = splitControls(drawerControls(w), locks);
  const offers = (c: (typeof controls.open)[number]) => controls.open.includes(c);

  return (
    <PlanDialog title={w.title} onClose={onClose}>
      <p className="plan-drawer-sub">
        {day(w.date)}
        {w.slot ? ` · ${w.slot === 'am' ? 'Morning' : 'Evening'} session` : ''} · {SPORT_LABELS[w.sport] ?? w.sport} ·{' '}
        {PHASE_LABELS[w.phase] ?? w.phase}, week {w.week}
      </p>
      {editing ? (
        <WorkoutForm
          initial={w}
          date={w.date}
          units={units}
          submitLabel="Save changes"
          busy={busy}
          onCancel={() => setEditing(false)}
          onSubmit={(f) => {
            onEdit(f);
            setEditing(false);
          }}
        />
      ) : (
        <>
          <Compliance w={w} units={units} steps={stepCheck} />
          <MarkDone w={w} planId={planId} back={`/training?view=week&date=${w.date}&workout=${w.id}`} />
          <WorkoutSteps s={stepCheck} units={units} sport={w.sport} />
          {w.description ? <p>{w.description}</p> : null}
          {tree.steps.length > 0 ? (
            <section className="plan-drawer-section" aria-label="Steps">
              <h3 className="plan-drawer-h">Steps</h3>
              <WorkoutProfile workout={tree} label={`Intensity profile of ${w.title}`} />
              {structured ? <WorkoutStepsText workout={tree} /> : null}
              <ol className="plan-steps" hidden={structured}>
                {steps.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity of their own; their order is the key.
                  <li key={i}>{s}</li>
                ))}
              </ol>
            </section>
          ) : null}
          {w.why ? (
            <section className="plan-drawer-section">
              <h3 className="plan-drawer-h">Why this workout</h3>
              <p className="plan-why">{w.why}</p>
            </section>
          ) : null}
          {offers('skip') || offers('restore') || offers('edit') ? (
            <section className="plan-drawer-section plan-drawer-actions" aria-label="Change this workout">
              {offers('skip') || offers('restore') ? (
                <Button variant="secondary" size="sm" disabled={busy} onClick={() => onSkip(!w.skipped)}>
                  {w.skipped ? 'Restore' : 'Skip'}
                </Button>
              ) : null}
              {offers('edit') ? (
                <Button variant="secondary" size="sm" disabled={busy} onClick={() => setEditing(true)}>
                  Edit
                </Button>
              ) : null}
            </section>
          ) : null}
          {onSaveToLibrary && w.sport !== 'rest' ? (
            <section className="plan-drawer-section plan-drawer-actions" aria-label="Keep this workout">
              <Button variant="secondary" size="sm" disabled={busy} onClick={onSaveToLibrary}>
                Save to library
              </Button>
              <span className="plan-muted">A copy without its day, to put on any day later.</span>
            </section>
          ) : null}
          {offers('move') || offers('swap') ? (
            <WorkoutDates date={w.date} plan={plan} busy={busy} move={offers('move')} swap={offers('swap')} onMove={onMove} onRun={onRun} />
          ) : null}
          {w.sport !== 'rest' ? <LinkControls w={w} activities={activities} busy={busy} relink={offers('relink')} onRun={onRun} /> : null}
          {controls.locked.length > 0 ? <LockedControls locked={controls.locked} /> : null}
          {!w.skipped && ['run', 'bike', 'swim', 'strength'].includes(w.sport) ? (
            <p className="plan-downloads">
              <a href={`/training/workouts/${w.id}/garmin`}>Send to Garmin</a>
            </p>
          ) : null}
          {canExport && w.sport !== 'rest' ? <WorkoutDownloads planId={planId} workoutId={w.id} sport={w.sport} /> : null}
          {/* Last: the conversation loads after the drawer opens, and nothing below it can move when it arrives. */}
          {w.sport !== 'rest' ? <WorkoutComments workoutId={w.id} initial={comments} /> : null}
        </>
      )}
    </PlanDialog>
  );
}
