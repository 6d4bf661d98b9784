// The training page with a plan: header, the week or month with its workouts, the library beside them, the
// drawer, adding on a day, the undo toast, weekly planned vs actual and the change history.
import { useNavigation, useSearchParams } from '@remix-run/react';
import { useState } from 'react';
import { day } from '~/utils/analytics-format';
import type { loadTraining } from '~/utils/plans.server';
import type { AthleteThreads } from '../../../../worker/features/comments/comments.schema';
import type { PlanView, Units } from '~/utils/plans';
import { UpgradePrompt } from '../membership/UpgradePrompt';
import { Button, cx } from '../ui';
import { ChangeHistory } from './ChangeHistory';
import { CalendarWithLibrary, type LibraryItem } from './LibraryPanel';
import { EditWarnings } from './EditWarnings';
import { PlanCalendar } from './PlanCalendar';
import { PlanDialog } from './PlanDialog';
import { AdjustLoadDialog } from './AdjustLoad';
import { PlanHeader } from './PlanHeader';
import { TrainingToolbar } from './TrainingToolbar';
import { PausedBanner, PlanMenu, type PlanStatusValue } from './PlanStatus';
import { ProposedNotice } from './PlanChanges';
import { UndoToast } from './UndoToast';
import { usePlanActions } from './usePlanActions';
import { WeeklyTable } from './WeeklyTable';
import { WorkoutDrawer } from './WorkoutDrawer';
import { WorkoutForm } from './WorkoutForm';

type Data = Awaited<ReturnType<typeof loadTraining>>;
type Loaded = Extract<Data, { hasPlan: true }>;

export const trainingHref = (view: PlanView, date: string) => `/training?view=${view}&date=${date}`;

export function TrainingPlan({
  data,
  library,
  units,
  workoutComments,
}: {
  /** Per week (its Monday), the changes waiting for a decision that name its workouts. */
  data: Loaded & { proposedWeeks?: Record<string, number> };
  library: LibraryItem[];
  units: Units;
  /** The conversation on the workout the URL opens, loaded with the page. */
  workoutComments?: AthleteThreads | null;
}) {
  const { plan, range, today, locks, canExport } = data;
  const actions = usePlanActions(plan.id);
  const navigation = useNavigation();
  const loading = navigation.state === 'loading' && navigation.location.pathname === '/training';
  // An activity's page links to the workout it completed: `?workout=` opens its drawer.
  const [params] = useSearchParams();
  const [openId, setOpenId] = useState<string | null>(() => params.get('workout'));
  const [addOn, setAddOn] = useState<string | null>(null);
  const open = data.workouts.find((w) => w.id === openId) ?? null;
  const [adjusting, setAdjusting] = useState<{ week: number; startDate: string; endDate: string } | null>(null);

  // Locked controls are never offered (PlanCalendar, WorkoutDrawer, WeeklyTable show them locked), so a
  // move arrives here only when the viewer may move.
  const move = (id: string, date: string) => {
    const w = data.workouts.find((x) => x.id === id);
    if (!w || w.date === date || locks.move) return;
    setOpenId(null);
    void actions.run(`Moved “${w.title}” to ${day(date)}.`, `/workouts/${id}/move`, 'POST', { date });
  };

  // A library workout dropped on a day, or given one by its "Add to a day…": workout control's add.
  const addFromLibrary = (id: string, date: string) => {
    const w = library.find((x) => x.id === id);
    if (!w || locks.add) return;
    void actions.addFromLibrary(id, w.title, date, day(date));
  };

  // Link, unlink, swap: the drawer closes so the toast (and its Undo) is reachable.
  const runFromDrawer = (text: string, path: string, body?: unknown) => {
    setOpenId(null);
    void actions.run(text, path, 'POST', body);
  };
  const STATUS_TEXT = { active: 'Plan resumed.', paused: 'Plan paused.', cancelled: 'Plan cancelled. It stays in your history.' };
  const setStatus = (status: PlanStatusValue) => void actions.run(STATUS_TEXT[status], '/status', 'POST', { status }, false);

  return (
    <>
      <PlanHeader
        plan={plan}
        today={today}
        pdf={canExport}
        menu={<PlanMenu status={plan.status} busy={actions.busy} onStatus={setStatus} />}
      />
      {plan.status === 'paused' ? <PausedBanner busy={actions.busy} onStatus={setStatus} /> : null}
      {actions.upgrade ? (
        // The API refused a change the page offered (the membership ended since the page loaded).
        <div className="plan-upgrade">
          <UpgradePrompt feature="workout_control" name="Moving, adding and editing workouts">
            <p>On Free you can skip and restore workouts. Pro lets you move them, add your own and edit any of them.</p>
          </UpgradePrompt>
          <Button variant="link" size="sm" onClick={actions.dismissUpgrade}>
            Not now
          </Button>
        </div>
      ) : null}
      <TrainingToolbar range={range} today={today} href={trainingHref} />
      <p className="plan-hint">
        {!locks.move
          ? 'Drag a workout to another day to move it, or open it to move it from a date picker. Open a done activity for its page.'
          : 'Open a workout to see its steps or skip it, or a done activity for its page.'}
      </p>
      <noscript>
        <p className="plan-hint">Moving, skipping and adding workouts needs JavaScript; the plan itself is all here.</p>
      </noscript>
      {/* A move, add or edit the plan's rules would not make: said beside the calendar, with what they would do. */}
      <EditWarnings warnings={actions.toast?.warnings} onDismiss={actions.dismissWarnings} />
      <CalendarWithLibrary
        items={library}
        units={units}
        plan={plan}
        today={today}
        busy={actions.busy}
        addLock={locks.add ?? null}
        onAdd={addFromLibrary}
      >
        <div className={cx('plan-frame', loading && 'is-loading')}>
          <PlanCalendar
            range={range}
            calendar={data.calendar}
            units={units}
            label="Your training calendar"
            busy={actions.busy}
            onOpenWorkout={setOpenId}
            activityHref={(id) => `/activities/${id}`}
            onMove={move}
            onAdd={setAddOn}
            onAddFromLibrary={locks.add ? undefined : addFromLibrary}
            locks={locks}
            weekNotice={(start) => <ProposedNotice count={data.proposedWeeks?.[start] ?? 0} />}
          />
        </div>
      </CalendarWithLibrary>
      {open ? (
        <WorkoutDrawer
          key={open.id}
          w={open}
          planId={plan.id}
          plan={plan}
          units={units}
          busy={actions.busy}
          locks={locks}
          canExport={canExport}
          comments={workoutComments}
          onClose={() => setOpenId(null)}
          onMove={(date) => move(open.id, date)}
          onRun={runFromDrawer}
          onSaveToLibrary={() => {
            setOpenId(null);
            void actions.saveToLibrary(open.id, open.title);
          }}
          activities={data.activities.filter((x) => x.date === open.date)}
          onSkip={(skip) => {
            // The drawer closes on a change, so the toast (and its Undo) is reachable: the modal makes the page inert.
            setOpenId(null);
            void actions.run(
              skip ? `Skipped “${open.title}”.` : `Restored “${open.title}”.`,
              `/workouts/${open.id}/${skip ? 'skip' : 'restore'}`,
            );
          }}
          onEdit={(f) => {
            setOpenId(null);
            // The saved title: a new type or length renames a workout whose title stated the old one.
            void actions.run((c) => `Saved “${c?.workouts?.[0]?.title ?? f.title}”.`, `/workouts/${open.id}`, 'PATCH', f);
          }}
        />
      ) : null}
      {addOn ? (
        <PlanDialog title={`Add a workout · ${day(addOn)}`} onClose={() => setAddOn(null)}>
          <WorkoutForm
            date={addOn}
            units={units}
            submitLabel="Add workout"
            busy={actions.busy}
            onCancel={() => setAddOn(null)}
            onSubmit={(f) => {
              const date = addOn;
              setAddOn(null);
              void actions.run(`Added “${f.title}”.`, '/workouts', 'POST', { ...f, date });
            }}
          />
        </PlanDialog>
      ) : null}
      {adjusting ? (
        <AdjustLoadDialog
          week={adjusting}
          busy={actions.busy}
          onClose={() => setAdjusting(null)}
          onAdjust={(percent) => {
            const week = adjusting.week;
            setAdjusting(null);
            void actions.run(
              `Week ${week}'s load ${percent > 0 ? 'raised' : 'lowered'} by ${Math.abs(percent)} %.`,
              `/weeks/${week}/adjust`,
              'POST',
              {
                percent,
              },
            );
          }}
        />
      ) : null}
      <div className="plan-lower">
        <WeeklyTable weeks={data.weekly} today={today} onAdjust={setAdjusting} adjustLocked={locks.adjust} />
        <ChangeHistory changes={data.changes} busy={actions.busy} onUndo={(id) => void actions.undo(id)} />
      </div>
      <UndoToast
        toast={actions.toast}
        error={actions.error}
        busy={actions.busy}
        onUndo={(id) => void actions.undo(id)}
        onDismiss={actions.dismissToast}
        onDismissError={actions.dismissError}
      />
    </>
  );
}
