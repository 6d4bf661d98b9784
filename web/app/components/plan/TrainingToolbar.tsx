// The training calendar's navigation: previous / today / next and week or month, as links (the page's
// address holds the view and the date, so every state can be bookmarked and works without JavaScript).
import { dayRange, monthName } from '~/utils/analytics-format';
import type { PlanRange, PlanView } from '~/utils/plans';
import { CalendarToolbar } from '../ui';

const VIEWS: readonly PlanView[] = ['week', 'month'];

export const rangeTitle = (r: Pick<PlanRange, 'view' | 'from' | 'to' | 'date'>) =>
  r.view === 'week' ? dayRange(r.from, r.to) : `${monthName(Number(r.date.slice(5, 7)) - 1)} ${r.date.slice(0, 4)}`;

export function TrainingToolbar({
  range,
  today,
  href,
}: {
  range: PlanRange;
  today: string;
  /** The address of a view and date ("/training?view=month&date=…"). */
  href: (view: PlanView, date: string) => string;
}) {
  return (
    <CalendarToolbar
      view={range.view}
      views={VIEWS}
      viewLabel={(v) => (v === 'week' ? 'Week' : 'Month')}
      href={href}
      date={range.date}
      prev={range.prev}
      next={range.next}
      today={today}
      title={rangeTitle(range)}
      datesLabel="Calendar dates"
    />
  );
}
