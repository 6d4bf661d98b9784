import { useCallback, useEffect, useState } from 'react';
import { type ColumnKey, DEFAULT_COLUMNS, OPTIONAL_COLUMNS } from './list-types';

const known = new Set<string>(OPTIONAL_COLUMNS.map((c) => c.key));

/**
 * The columns the athlete chose, kept in this browser per athlete (a layout preference, nothing the
 * server needs). The first render uses the defaults so server and client markup agree.
 */
export function useColumns(userId: string): [ColumnKey[], (key: ColumnKey, on: boolean) => void] {
  const storageKey = `cadence.activities.columns.${userId}`;
  const [columns, setColumns] = useState<ColumnKey[]>(DEFAULT_COLUMNS);
  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as unknown;
      if (Array.isArray(saved)) setColumns(saved.filter((k): k is ColumnKey => typeof k === 'string' && known.has(k)));
    } catch {
      // A damaged value: the defaults stand.
    }
  }, [storageKey]);
  const toggle = useCallback(
    (key: ColumnKey, on: boolean) =>
      setColumns((prev) => {
        const next = OPTIONAL_COLUMNS.map((c) => c.key).filter((k) => (k === key ? on : prev.includes(k)));
        try {
          localStorage.setItem(storageKey, JSON.stringify(next));
        } catch {
          // Private mode without storage: the choice lasts for the visit.
        }
        return next;
      }),
    [storageKey],
  );
  return [columns, toggle];
}
