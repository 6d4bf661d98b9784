// The notification center's view types and words, shared by its loader and its components.
import type { IconName } from '~/components/ui';
import type { Category } from '../../../worker/features/notifications';
import type { FormOutcome } from './form-outcome';

export interface CenterFilter {
  type: string | null;
  category: Category | null;
  unread: boolean;
}

export interface ItemView {
  id: string;
  title: string;
  body: string;
  link: string | null;
  time: string;
  read: boolean;
}

export interface GroupView {
  key: string;
  ids: string[];
  type: string;
  category: string;
  count: number;
  unread: number;
  /** The notification's title, or the catalog's group label ("3 analysis updates"). */
  title: string;
  body: string | null;
  link: string | null;
  /** Local time of the newest ("14:05"); the day is the heading above. */
  time: string;
  latestAt: string;
  /** A group's "show only these" filter link. */
  onlyThese: { label: string; href: string } | null;
  /** A group's notifications (empty for a group of one, which is its own row). */
  items: ItemView[];
}

export interface DayView {
  date: string;
  /** "Today", "Yesterday", "Mon 11 Jan". */
  label: string;
  groups: GroupView[];
}

export interface CenterView {
  filter: CenterFilter;
  /** The type filter's words ("Coach updates"), when one is set. */
  filterLabel: string | null;
  chips: { label: string; href: string; current: boolean }[];
  readToggle: { all: string; unread: string };
  days: DayView[];
  unread: number;
  older: string | null;
  newest: string | null;
  timeZone: string;
}

/** Short words for the filter chips (Settings uses the catalog's longer labels). */
export const CATEGORY_CHIPS: { value: Category; label: string }[] = [
  { value: 'plan', label: 'Plan' },
  { value: 'analysis', label: 'Analysis' },
  { value: 'load', label: 'Training load' },
  { value: 'coach', label: 'Coach' },
  { value: 'account', label: 'Account' },
];

const ICONS: Record<string, IconName> = {
  plan: 'calendar',
  analysis: 'chart',
  load: 'activity',
  coach: 'users',
  account: 'receipt',
};
export const categoryIcon = (category: string): IconName => ICONS[category] ?? 'bell';

/** What a center button's post answers (mark read, a group, all; delete). */
export interface CenterResult extends FormOutcome {
  intent: 'read' | 'read-group' | 'read-all' | 'delete';
}
