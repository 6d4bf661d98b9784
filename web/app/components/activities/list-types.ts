// The activities list page's view of its data (formatted on the server) and its columns.
import type { UploadLimits } from '~/utils/imports';

export interface ActivityRowView {
  id: string;
  isoDate: string;
  date: string;
  name: string;
  sport: string;
  sportLabel: string;
  source: string;
  device: string | null;
  distance: string | null;
  time: string;
  load: number | null;
  intensity: number | null;
  hr: number | null;
  power: number | null;
  elevation: string | null;
  tags: string[];
  hidden: boolean;
}

export interface ListFilterView {
  q: string;
  sport: string;
  source: string;
  from: string;
  to: string;
  device: string;
  tag: string;
  hidden: 'exclude' | 'only' | 'include';
}

export type SortKey = 'date' | 'name' | 'distance' | 'time' | 'load' | 'if' | 'hr' | 'power' | 'elevation';

export interface ListView {
  /** Whose layout the chosen columns are (kept in this browser per athlete). */
  athleteId: string;
  rows: ActivityRowView[];
  total: number;
  offset: number;
  pageSize: number;
  filter: ListFilterView;
  sort: SortKey;
  dir: 'asc' | 'desc';
  devices: string[];
  tags: string[];
  sources: { value: string; label: string }[];
  uploadLimits: UploadLimits;
}

/** The figures a person may show or hide; date and name always show. */
export const OPTIONAL_COLUMNS = [
  { key: 'distance', label: 'Distance', sort: 'distance' },
  { key: 'time', label: 'Time', sort: 'time' },
  { key: 'load', label: 'Load', sort: 'load' },
  { key: 'intensity', label: 'IF', sort: 'if' },
  { key: 'hr', label: 'Avg HR', sort: 'hr' },
  { key: 'power', label: 'Avg power', sort: 'power' },
  { key: 'elevation', label: 'Elevation', sort: 'elevation' },
] as const satisfies readonly { key: keyof ActivityRowView; label: string; sort: SortKey }[];
export type ColumnKey = (typeof OPTIONAL_COLUMNS)[number]['key'];
export const DEFAULT_COLUMNS: ColumnKey[] = ['distance', 'time', 'load', 'hr'];
