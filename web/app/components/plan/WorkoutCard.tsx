import { attributionText } from '~/utils/attribution';
import { SourceAttribution } from '../SourceAttribution';
import { type DragEvent, Fragment } from 'react';
import { type CalendarWorkoutView, doneBand, doneParts, doneText, SHORT_TAGS, statusWords } from '~/utils/calendar';
import { distanceText, minutes, SPORT_LABELS, SPORT_TAGS, type Units } from '~/utils/plans';
import { cx } from '../ui';

export const DRAG_TYPE = 'application/x-cadence-workout';

/** A month cell's glyph beside the colour (the words are there for screen readers). */
const MARKS: Record<string, string> = { completed: '✓', missed: '✗', skipped: '–' };

/** The sport tag: the word where there is room, a letter or two in a narrow month cell. */
export function SportTag({ sport, tag, sportClass, compact }: { sport: string; tag: string; sportClass: string; compact: boolean }) {
  return (
    <span className={`plan-workout-icon plan-sport-${sportClass}`} aria-hidden="true">
      {compact ? (
        <>
          <span className="plan-tag-long">{tag}</span>
          <span className="plan-tag-short">{SHORT_TAGS[sport] ?? tag.slice(0, 1)}</span>
        </>
      ) : (
        tag
      )}
    </span>
  );
}

/** "1 h 5 min · 12 km": pieces that each stay on one line, so a narrow column breaks between them. */
export function Pieces({ parts }: { parts: string[] }) {
  return parts.map((p, i) => (
    <Fragment key={p}>
      {i > 0 ? ' · ' : null}
      <span className="plan-piece">{p}</span>
    </Fragment>
  ));
}

/**
 * One planned workout on the calendar, and what completed it when something did: "50 min → 52 min ·
 * 10.2 km", the status in words beside its colour. Opens its drawer; drags to another day when the plan
 * can change. Without `onOpen` (a coach's view) it is a plain item.
 */
export function WorkoutCard({
  w,
  units,
  compact = false,
  draggable = false,
  onOpen,
}: {
  w: CalendarWorkoutView;
  units: Units;
  compact?: boolean;
  draggable?: boolean;
  onOpen?: (id: string) => void;
}) {
  const movable = draggable && !!onOpen && w.status !== 'completed';
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, w.id);
    e.dataTransfer.setData('text/plain', w.id);
    e.dataTransfer.effectAllowed = 'move';
  };
  const plannedParts =
    w.sport === 'rest' ? ['Rest'] : [minutes(w.durationSec), distanceText(w.distanceM, units, w.sport)].filter((x): x is string => !!x);
  const planned = plannedParts.join(' · ');
  const done = w.activity ? doneText(w.activity, units) : null;
  const className = cx(
    'plan-workout',
    `plan-workout-${w.status}`,
    doneBand(w) && w.status === 'completed' && `plan-band-${doneBand(w)}`,
    compact && 'plan-workout-compact',
  );
  const body = (
    <>
      <SportTag sport={w.sport} tag={SPORT_TAGS[w.sport] ?? w.sport} sportClass={w.sport} compact={compact} />
      <span className="visually-hidden">{SPORT_LABELS[w.sport] ?? w.sport}: </span>
      {w.slot ? (
        // A day with two sessions: which is the morning's and which the evening's (ADR 104), in words for a reader.
        <span className="plan-workout-slot" data-slot={w.slot}>
          {w.slot === 'am' ? 'AM' : 'PM'}
          <span className="visually-hidden">{w.slot === 'am' ? ' (morning session) ' : ' (evening session) '}</span>
        </span>
      ) : null}
      <span className="plan-workout-title">{w.title}</span>
      {compact ? (
        <span className="visually-hidden">
          {' '}
          · {planned}
          {done && w.activity ? ` → done ${done} (${attributionText(w.activity.source, w.activity.device)})` : ''} ·{' '}
        </span>
      ) : (
        <span className="plan-workout-meta">
          <span className="visually-hidden"> · planned </span>
          <Pieces parts={plannedParts} />
          {w.activity ? (
            <>
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden"> and done </span>
              <span className="plan-workout-done">
                <Pieces parts={doneParts(w.activity, units)} />
              </span>
              {' · '}
              <SourceAttribution source={w.activity.source} device={w.activity.device} className="plan-piece" />
            </>
          ) : null}
          <span className="visually-hidden"> · </span>
        </span>
      )}
      <span className={cx('plan-workout-status', compact && 'visually-hidden')}>{statusWords(w)}</span>
      {compact && MARKS[w.status] ? (
        <span className="plan-workout-mark" aria-hidden="true">
          {MARKS[w.status]}
        </span>
      ) : null}
    </>
  );
  if (!onOpen)
    return (
      <div className={className} data-workout-id={w.id}>
        {body}
      </div>
    );
  return (
    <button
      type="button"
      className={className}
      draggable={movable}
      onDragStart={movable ? onDragStart : undefined}
      onClick={() => onOpen(w.id)}
      data-workout-id={w.id}
      aria-haspopup="dialog"
    >
      {body}
    </button>
  );
}
