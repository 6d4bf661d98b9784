import { useEffect } from 'react';
import { useRevalidator } from '@remix-run/react';
import { usePageVisible } from '../usePageVisible';

/**
 * Re-runs the page's loaders every `intervalMs` while `active`: one at a time (the next waits for the
 * last to finish) and never while the tab is hidden; showing the tab again picks up where it left off.
 */
export function usePolling(active: boolean, intervalMs = 2000): void {
  const { revalidate, state } = useRevalidator();
  const visible = usePageVisible();

  useEffect(() => {
    if (!active || !visible || state !== 'idle') return;
    const timer = window.setTimeout(revalidate, intervalMs);
    return () => window.clearTimeout(timer);
  }, [active, visible, state, revalidate, intervalMs]);
}
