// The athlete's library over the training calendar (issue 38): find a workout by title words, folder or
// tag, and drag it onto a day of the plan, or — the keyboard's and the phone's way — pick the day with
// "Add to a day…". Either is workout control's add (Pro; one Undo away). Locked, the items do not drag
// and the control says what it would do (ADR 035); without a plan, the panel says what to do first.
import { Link } from '@remix-run/react';
import { type DragEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { filterLibrary, type LibraryItem, libraryFilters, NO_FOLDER } from '~/utils/library';
import type { Feature } from '~/utils/membership';
import { distanceText, minutes, SPORT_LABELS, SPORT_TAGS, type Units } from '~/utils/plans';
import { Button, cx, Field } from '../ui';
import { LockedButton } from './Locked';
import { Pieces, SportTag } from './WorkoutCard';

export type { LibraryItem };
export const LIBRARY_DRAG_TYPE = 'application/x-cadence-library';

interface Props {
  items: LibraryItem[];
  units: Units;
  /** The active plan's days; null without one (nothing can be added yet). */
  plan: { startDate: string; endDate: string } | null;
  today: string;
  busy: boolean;
  /** The feature "Add" needs when the viewer's membership lacks it. */
  addLock?: Feature | null;
  onAdd?: (id: string, date: string) => void;
}

export function LibraryPanel({ items, units, plan, today, busy, addLock = null, onAdd }: Props) {
  const id = useId();
  const [q, setQ] = useState('');
  const [folder, setFolder] = useState('');
  const [tag, setTag] = useState('');
  const { folders, tags } = libraryFilters(items);
  const shown = filterLibrary(items, { q, folder, tag });
  const canAdd = !!plan && !!onAdd && !addLock;

  return (
    <aside className="lib-panel" aria-labelledby={`${id}-h`}>
      <div className="lib-head">
        <h2 className="lib-h" id={`${id}-h`}>
          Your library
        </h2>
        <Link to="/training/library" className="lib-manage">
          Manage
        </Link>
      </div>
      {!plan ? (
        <p className="lib-note">
          Library workouts go on the days of a plan. <Link to="/training/new">Create a plan</Link>, then drag one onto a day or use “Add to
          a day…”.
        </p>
      ) : canAdd ? (
        <p className="lib-note" id={`${id}-how`}>
          Drag a workout onto a day of your plan, or use “Add to a day…” to pick the date.
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="lib-note">Nothing here yet. Open a planned workout and choose “Save to library” to keep it for later.</p>
      ) : (
        <>
          <div className="lib-filters">
            <Field label="Search" name="library-q" id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
            {folders.length ? (
              <Filter id={`${id}-folder`} label="Folder" value={folder} onChange={setFolder}>
                <option value="">All folders</option>
                {folders.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
                <option value={NO_FOLDER}>No folder</option>
              </Filter>
            ) : null}
            {tags.length ? (
              <Filter id={`${id}-tag`} label="Tag" value={tag} onChange={setTag}>
                <option value="">All tags</option>
                {tags.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </Filter>
            ) : null}
          </div>
          <p className="visually-hidden" aria-live="polite">
            {shown.length} of {items.length} workouts shown.
          </p>
          {shown.length === 0 ? <p className="lib-note">No workout matches.</p> : null}
          <ul className="lib-list" aria-describedby={canAdd ? `${id}-how` : undefined}>
            {shown.map((w) => (
              <LibraryEntry
                key={w.id}
                w={w}
                units={units}
                plan={plan}
                today={today}
                busy={busy}
                canAdd={canAdd}
                addLock={plan ? addLock : null}
                onAdd={onAdd}
              />
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}

function Filter({
  id,
  label,
  value,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} className="input select" value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}

function LibraryEntry({
  w,
  units,
  plan,
  today,
  busy,
  canAdd,
  addLock,
  onAdd,
}: {
  w: LibraryItem;
  units: Units;
  plan: Props['plan'];
  today: string;
  busy: boolean;
  canAdd: boolean;
  addLock: Feature | null;
  onAdd: Props['onAdd'];
}) {
  const id = useId();
  const [picking, setPicking] = useState(false);
  // The first day a workout can go: today inside the plan, else its first day.
  const first = plan ? (today >= plan.startDate && today <= plan.endDate ? today : plan.startDate) : today;
  const [date, setDate] = useState(first);
  // The day field takes the focus when it opens, so the keyboard goes on from where it was.
  useEffect(() => {
    if (picking) document.getElementById(`${id}-date`)?.focus();
  }, [picking, id]);
  const parts =
    w.sport === 'rest'
      ? ['Rest']
      : [
          minutes(w.durationSec),
          distanceText(w.distanceM, units, w.sport),
          w.targetLoad ? `load ${Math.round(w.targetLoad)}` : null,
        ].filter((x): x is string => !!x);
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(LIBRARY_DRAG_TYPE, w.id);
    e.dataTransfer.setData('text/plain', w.title);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li
      className={cx('lib-item', canAdd && 'is-draggable')}
      draggable={canAdd && !busy}
      onDragStart={canAdd ? onDragStart : undefined}
      data-library-id={w.id}
    >
      <div className="lib-item-main">
        <SportTag sport={w.sport} tag={SPORT_TAGS[w.sport] ?? w.sport} sportClass={w.sport} compact={false} />
        <span className="visually-hidden">{SPORT_LABELS[w.sport] ?? w.sport}: </span>
        <span className="lib-item-title">{w.title}</span>
        <span className="lib-item-meta">
          <span className="visually-hidden"> · </span>
          <Pieces parts={parts} />
        </span>
        {w.folder || w.tags.length ? (
          <span className="lib-item-tags">
            <span className="visually-hidden"> · </span>
            {[w.folder, ...w.tags.map((t) => `#${t}`)].filter(Boolean).join(' ')}
          </span>
        ) : null}
      </div>
      {addLock ? (
        <LockedButton control="add" feature={addLock} label="Add to a day…" name={`Add “${w.title}” to a day`} className="lib-add" />
      ) : canAdd && plan && onAdd ? (
        picking ? (
          <form
            className="lib-pick"
            onSubmit={(e) => {
              e.preventDefault();
              if (!date) return;
              setPicking(false);
              onAdd(w.id, date);
            }}
          >
            <Field
              label={`Day for “${w.title}”`}
              name="date"
              id={`${id}-date`}
              type="date"
              min={plan.startDate}
              max={plan.endDate}
              value={date}
              required
              onChange={(e) => setDate(e.target.value)}
            />
            <div className="lib-pick-actions">
              <Button type="submit" size="sm" disabled={busy || !date}>
                Add
              </Button>
              <Button type="button" size="sm" variant="link" onClick={() => setPicking(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <Button
            type="button"
            size="sm"
            variant="secondary"
            className="lib-add"
            disabled={busy}
            aria-label={`Add “${w.title}” to a day…`}
            onClick={() => setPicking(true)}
          >
            Add to a day…
          </Button>
        )
      ) : null}
    </li>
  );
}

/**
 * The calendar with the library over it, shown on demand: a toggle above the calendar opens the panel,
 * which stays open while the page re-reads after each change.
 */
export function CalendarWithLibrary({ children, ...panel }: Props & { children: ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <>
      <div className="lib-toggle-row">
        <Button
          type="button"
          size="sm"
          variant={open ? 'primary' : 'secondary'}
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Hide library' : `Library (${panel.items.length})`}
        </Button>
      </div>
      <div className={cx('plan-board', open && 'has-library')}>
        {children}
        <div id={`${id}-panel`} className="plan-board-side" hidden={!open}>
          {open ? <LibraryPanel {...panel} /> : null}
        </div>
      </div>
    </>
  );
}
