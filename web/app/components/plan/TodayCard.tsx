import { Link } from '@remix-run/react';
import { doneBand, statusWords } from '~/utils/calendar';
import type { loadToday } from '~/utils/plans.server';
import { CREATE_PLAN, distanceText, minutes, SPORT_TAGS, stepLines, type Units } from '~/utils/plans';
import { Card, cx, Icon } from '../ui';
import { MarkDone } from './MarkDone';

type Today = Awaited<ReturnType<typeof loadToday>>;

/** Home's "Today": the day's workouts from the active plan, a rest day, or the way to make a plan. */
export function TodayCard({ today: t, units }: { today: Today; units: Units }) {
  const workouts = t.workouts.filter((w) => w.sport !== 'rest');
  // Without a plan one line is enough: a card here would push the athlete's own numbers below the fold.
  if (!t.plan)
    return (
      <p className="dashboard-note" id="today">
        <Icon name="calendar" className="icon icon-sm" />
        <span>
          {t.goal ? (
            <>
              <Link to={CREATE_PLAN.path}>Create your {t.goal} plan</Link>:{' '}
              {t.startsFrom === 'history' ? 'it starts from your recent training' : 'it starts from your onboarding answers'}, and Cadence
              lays out the weeks and says why each workout is there.
            </>
          ) : (
            <>
              No plan yet. <Link to={CREATE_PLAN.path}>{CREATE_PLAN.label}</Link>: pick a goal and the days you can train, and Cadence lays
              out the weeks and says why each workout is there.
            </>
          )}
        </span>
      </p>
    );
  return (
    <Card id="today" title="Today" actions={<Link to="/training">Open your plan</Link>}>
      {workouts.length === 0 ? (
        <p className="plan-today-rest">Rest day. Recovery is where the training turns into fitness.</p>
      ) : (
        <ul className="plan-today">
          {workouts.map((w) => {
            const first = stepLines(w.steps, units)[0];
            // Done, in its verdict's colour, as the calendar's card shows it.
            const band = w.status === 'completed' ? doneBand(w) : null;
            return (
              <li key={w.id} className={cx('plan-today-item', `plan-workout-${w.status}`, band && `plan-band-${band}`)}>
                <span className={`plan-workout-icon plan-sport-${w.sport}`} aria-hidden="true">
                  {SPORT_TAGS[w.sport] ?? w.sport}
                </span>
                <div>
                  <Link to="/training" className="plan-today-title">
                    {w.title}
                  </Link>
                  <p className="plan-muted">
                    {minutes(w.durationSec)}
                    {distanceText(w.distanceM, units, w.sport) ? ` · ${distanceText(w.distanceM, units, w.sport)}` : ''} · {statusWords(w)}
                  </p>
                  {first ? <p className="plan-today-step">{first}</p> : null}
                  {t.plan ? <MarkDone w={w} planId={t.plan.id} back="/home#today" compact /> : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
