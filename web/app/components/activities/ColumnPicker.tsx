import { type ColumnKey, OPTIONAL_COLUMNS } from './list-types';

/** Which figures the table shows; kept per athlete in this browser (useColumns). */
export function ColumnPicker({ columns, onToggle }: { columns: ColumnKey[]; onToggle: (key: ColumnKey, on: boolean) => void }) {
  return (
    <details className="column-picker">
      <summary className="btn btn-secondary btn-sm">Columns</summary>
      <fieldset>
        <legend className="visually-hidden">Columns to show</legend>
        {OPTIONAL_COLUMNS.map((c) => (
          <label key={c.key} className="check-row">
            <input type="checkbox" checked={columns.includes(c.key)} onChange={(e) => onToggle(c.key, e.currentTarget.checked)} />
            {c.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
