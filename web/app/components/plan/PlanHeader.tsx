import type { loadTraining } from '~/utils/plans.server';
import { day } from '~/utils/analytics-format';
import { formReading, GOAL_LABELS, PHASE_LABELS, signedNumber, weeksBetween } from '~/utils/plans';
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { Badge, Card } from '../ui';

type Plan = NonNullable<Awaited<ReturnType<typeof loadTraining>>['plan']>;

/** The plan at a glance: goal and event, current phase, weeks to go and the projected form on race day. */
export function PlanHeader({ plan, today, pdf, menu }: { plan: Plan; today: string; pdf: boolean; menu?: ReactNode }) {
  const current = [...plan.weeks].reverse().find((w) => w.startDate <= today) ?? plan.weeks[0];
  const end = plan.goal.eventDate ?? plan.endDate;
  const toGo = weeksBetween(today, end);
  const goal = GOAL_LABELS[plan.goal.kind] ?? plan.goal.kind;
  return (
    <Card className="plan-header">
      <div className="plan-header-main">
        <p className="plan-header-goal">
          {plan.goal.eventName ? `${plan.goal.eventName} · ` : ''}
          {goal}
        </p>
        <p className="plan-header-date">
          {plan.goal.eventDate ? `Race day ${day(plan.goal.eventDate)}` : `Until ${day(plan.endDate)}`}
          {pdf ? (
            <>
              {' · '}
              <a href={`/api/v1/plans/${plan.id}/pdf`}>Plan as PDF</a>
            </>
          ) : null}
          {' · '}
          <Link to="/training/changes">Plan changes</Link>
        </p>
      </div>
      <dl className="plan-header-facts">
        <div>
          <dt>Phase</dt>
          <dd>
            {today < plan.startDate ? (
              <Badge tone="info">Starts {day(plan.startDate)}</Badge>
            ) : (
              <Badge tone="info">
                {PHASE_LABELS[current?.phase ?? ''] ?? current?.phase}, week {current?.week} of {plan.weeks.length}
              </Badge>
            )}
          </dd>
        </div>
        <div>
          <dt>Weeks to go</dt>
          <dd className="plan-header-num">{toGo}</dd>
        </div>
        {plan.raceDayTsb !== null ? (
          <div>
            <dt>Race-day form</dt>
            <dd>
              <span className="plan-header-num">{signedNumber(plan.raceDayTsb)}</span>{' '}
              <span className="plan-header-reading">{formReading(plan.raceDayTsb)}</span>
            </dd>
          </div>
        ) : null}
      </dl>
      {menu}
    </Card>
  );
}
