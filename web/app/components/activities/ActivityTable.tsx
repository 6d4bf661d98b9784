// biome-ignore-all lint/a11y/noRedundantRoles: on a narrow screen the table's rows stack (display: flex), which drops the
// implicit table roles in some browsers; the explicit ones keep it a table to assistive technology.
import { Link, useSearchParams } from '@remix-run/react';
import { useRef } from 'react';
import { SourceAttribution } from '../SourceAttribution';
import { Badge } from '../ui';
import { type ActivityRowView, type ColumnKey, OPTIONAL_COLUMNS, type SortKey } from './list-types';

function Missing() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">not recorded</span>
    </>
  );
}

const cell = (row: ActivityRowView, key: ColumnKey) => {
  const v = row[key];
  if (v === null) return <Missing />;
  if (key === 'hr') return `${v} bpm`;
  if (key === 'power') return `${v} W`;
  return String(v);
};

/** A column header that sorts: the first click sorts descending (biggest, newest first), the next flips it. */
function SortHeader({ label, sortKey, sort, dir }: { label: string; sortKey: SortKey; sort: SortKey; dir: 'asc' | 'desc' }) {
  const [params] = useSearchParams();
  const active = sort === sortKey;
  const next = new URLSearchParams(params);
  next.set('sort', sortKey);
  next.set('dir', active && dir === 'desc' ? 'asc' : 'desc');
  next.delete('offset');
  return (
    <th role="columnheader" scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link to={`?${next}`} className="sort-link" preventScrollReset>
        {label}
        {active ? <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </Link>
    </th>
  );
}

/**
 * The list as a table: a checkbox per row (shift-click selects the range from the last one clicked), one
 * on the header for the whole page, and the chosen columns. On a narrow screen each row stacks (name, date, then
 * the chosen columns as label and value) and the header becomes a row of sort links (activity-list.css); the
 * explicit roles keep it a table to assistive technology whatever its display.
 */
export function ActivityTable(props: {
  rows: ActivityRowView[];
  columns: ColumnKey[];
  sort: SortKey;
  dir: 'asc' | 'desc';
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
}) {
  const { rows, columns, sort, dir, selected, onSelect } = props;
  const anchor = useRef<number | null>(null);
  const allOn = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someOn = rows.some((r) => selected.has(r.id));
  const shown = OPTIONAL_COLUMNS.filter((c) => columns.includes(c.key));

  const click = (index: number, on: boolean, shift: boolean) => {
    const from = shift && anchor.current !== null ? Math.min(anchor.current, index) : index;
    const to = shift && anchor.current !== null ? Math.max(anchor.current, index) : index;
    onSelect(
      rows.slice(from, to + 1).map((r) => r.id),
      on,
    );
    anchor.current = index;
  };

  return (
    <div className="activity-table-wrap">
      <table className="activity-table" role="table">
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col" className="select-cell">
              {/* The label is the finger's target (44 px on touch, mobile.md); the box stays small. */}
              <label className="select-hit">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allOn}
                  ref={(el) => {
                    if (el) el.indeterminate = someOn && !allOn;
                  }}
                  onChange={(e) =>
                    onSelect(
                      rows.map((r) => r.id),
                      e.currentTarget.checked,
                    )
                  }
                />
              </label>
            </th>
            <SortHeader label="Date" sortKey="date" sort={sort} dir={dir} />
            <SortHeader label="Name" sortKey="name" sort={sort} dir={dir} />
            {shown.map((c) => (
              <SortHeader key={c.key} label={c.label} sortKey={c.sort} sort={sort} dir={dir} />
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((r, i) => (
            <tr key={r.id} role="row" className={selected.has(r.id) ? 'is-selected' : undefined}>
              <td role="cell" className="select-cell">
                <label className="select-hit">
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.name}`}
                    checked={selected.has(r.id)}
                    // onClick, not onChange: only the click says whether Shift was held.
                    onClick={(e) => click(i, e.currentTarget.checked, e.shiftKey)}
                    onChange={() => {}}
                  />
                </label>
              </td>
              <td role="cell" className="nowrap date-cell">
                <time dateTime={r.isoDate}>{r.date}</time>
              </td>
              <td role="cell" className="name-cell">
                <Link to={`/activities/${r.id}`} className="activity-link">
                  {r.name}
                </Link>{' '}
                <Badge tone="neutral">{r.sportLabel}</Badge>
                {r.hidden ? <Badge tone="neutral">Hidden</Badge> : null}
                {r.tags.map((t) => (
                  <span key={t} className="tag-chip">
                    {t}
                  </span>
                ))}
                <SourceAttribution source={r.source} device={r.device} className="activity-source" />
              </td>
              {shown.map((c) => (
                <td key={c.key} role="cell" className="num" data-label={c.label}>
                  {cell(r, c.key)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
