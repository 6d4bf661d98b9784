import { Link } from '@remix-run/react';
import type { CalendarActivityView } from '~/utils/calendar';
import { ACTIVITY_SPORT_CLASS, ACTIVITY_TAGS, doneParts, SPORT_NAMES } from '~/utils/calendar';
import type { Units } from '~/utils/plans';
import { attributionText } from '~/utils/attribution';
import { SourceAttribution } from '../SourceAttribution';
import { cx } from '../ui';
import { Pieces, SportTag } from './WorkoutCard';

/**
 * A done activity that completed no planned workout ("Unplanned"). A link to its page where the viewer has
 * one (the athlete), a plain item otherwise (a coach).
 */
export function ActivityCard({
  a,
  units,
  compact = false,
  href,
}: {
  a: CalendarActivityView;
  units: Units;
  compact?: boolean;
  href?: string;
}) {
  const tag = ACTIVITY_TAGS[a.sport] ?? a.sport;
  const parts = [...doneParts(a, units), ...(a.load !== null ? [`load ${a.load}`] : [])];
  const body = (
    <>
      <SportTag sport={a.sport} tag={tag} sportClass={ACTIVITY_SPORT_CLASS[a.sport] ?? a.sport} compact={compact} />
      <span className="visually-hidden">{SPORT_NAMES[a.sport] ?? a.sport}: </span>
      <span className="plan-workout-title">{a.name}</span>
      {compact ? (
        <span className="visually-hidden">
          {' '}
          · {parts.join(' · ')} · {attributionText(a.source, a.device)} ·{' '}
        </span>
      ) : (
        <span className="plan-workout-meta">
          <span className="visually-hidden"> · </span>
          <Pieces parts={parts} />
          {' · '}
          <SourceAttribution source={a.source} device={a.device} className="plan-piece" />
          <span className="visually-hidden"> · </span>
        </span>
      )}
      <span className={cx('plan-workout-status', compact && 'visually-hidden')}>Unplanned</span>
    </>
  );
  const className = cx('plan-workout', 'plan-activity', compact && 'plan-workout-compact');
  return href ? (
    <Link className={className} to={href} data-activity-id={a.id}>
      {body}
    </Link>
  ) : (
    <div className={className} data-activity-id={a.id}>
      {body}
    </div>
  );
}
