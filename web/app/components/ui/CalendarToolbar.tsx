import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { buttonClass } from './Button';
import { cx } from './cx';

/**
 * A calendar's toolbar: previous / today / next, the range's title, and the view switch — all links, so it
 * works without JavaScript and the address says what is shown. Used by the coach's calendar and the plan.
 */
export function CalendarToolbar<V extends string>(p: {
  view: V;
  views: readonly V[];
  viewLabel: (view: V) => string;
  href: (view: V, date: string) => string;
  date: string;
  prev: string;
  next: string;
  today: string;
  title: ReactNode;
  /** Names the date navigation for screen readers ("Calendar dates", "Plan dates"). */
  datesLabel: string;
}) {
  return (
    <div className="cal-toolbar">
      <nav className="cal-nav" aria-label={p.datesLabel}>
        <Link to={p.href(p.view, p.prev)} className={buttonClass('secondary', 'sm')} aria-label={`Previous ${p.view}`} preventScrollReset>
          ‹ Prev
        </Link>
        <Link to={p.href(p.view, p.today)} className={buttonClass('secondary', 'sm')} preventScrollReset>
          Today
        </Link>
        <Link to={p.href(p.view, p.next)} className={buttonClass('secondary', 'sm')} aria-label={`Next ${p.view}`} preventScrollReset>
          Next ›
        </Link>
      </nav>
      <h2 className="cal-title" aria-live="polite">
        {p.title}
      </h2>
      <nav className="cal-views" aria-label="Calendar view">
        {p.views.map((v) => (
          <Link
            key={v}
            to={p.href(v, p.date)}
            className={cx('cal-view', v === p.view && 'is-active')}
            aria-current={v === p.view ? 'page' : undefined}
            preventScrollReset
          >
            {p.viewLabel(v)}
          </Link>
        ))}
      </nav>
    </div>
  );
}
