import type { DragEvent } from 'react';
import type { PlanWorkout } from '~/utils/plans.server';
import { BAND_LABELS, distanceText, minutes, SPORT_TAGS, SPORT_LABELS, STATUS_LABELS, type Units } from '~/utils/plans';
import { cx } from '../ui';

/** What the card's colour says, for those who don't see it. */
export function statusText(w: PlanWorkout): string {
  if (w.status === 'completed' && w.compliance.band) return `Done · ${BAND_LABELS[w.compliance.band]}`;
  return STATUS_LABELS[w.status] ?? w.status;
}

export const DRAG_TYPE = 'application/x-cadence-workout';

/** One workout on the calendar: opens its drawer; drags to another day when the plan can change. */
export function WorkoutCard({
  w,
  units,
  compact = false,
  draggable,
  onOpen,
}: {
  w: PlanWorkout;
  units: Units;
  compact?: boolean;
  draggable: boolean;
  onOpen: (id: string) => void;
}) {
  const movable = draggable && w.status !== 'completed';
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, w.id);
    e.dataTransfer.setData('text/plain', w.id);
    e.dataTransfer.effectAllowed = 'move';
  };
  const dist = distanceText(w.distanceM, units, w.sport);
  return (
    <button
      type="button"
      className={cx(
        'plan-workout',
        `plan-workout-${w.status}`,
        w.compliance.band && w.status === 'completed' && `plan-band-${w.compliance.band}`,
        compact && 'plan-workout-compact',
      )}
      draggable={movable}
      onDragStart={movable ? onDragStart : undefined}
      onClick={() => onOpen(w.id)}
      data-workout-id={w.id}
      aria-haspopup="dialog"
    >
      <span className={`plan-workout-icon plan-sport-${w.sport}`} aria-hidden="true">
        {compact ? (
          <>
            <span className="plan-tag-long">{SPORT_TAGS[w.sport] ?? w.sport}</span>
            <span className="plan-tag-short">{(SPORT_TAGS[w.sport] ?? w.sport).slice(0, 1)}</span>
          </>
        ) : (
          (SPORT_TAGS[w.sport] ?? w.sport)
        )}
      </span>
      <span className="visually-hidden">{SPORT_LABELS[w.sport] ?? w.sport}: </span>
      <span className="plan-workout-title">{w.title}</span>
      {compact ? null : (
        <span className="plan-workout-meta">
          {w.sport === 'rest' ? 'Rest' : minutes(w.durationSec)}
          {dist ? ` · ${dist}` : ''}
        </span>
      )}
      <span className={cx('plan-workout-status', compact && 'visually-hidden')}>{statusText(w)}</span>
    </button>
  );
}
