import { useEffect, useState, type ReactNode } from 'react';

// Set once the first client render has committed; later mounts (client navigations) start hydrated.
let hydrated = false;

/** False during the server render and the hydration pass, true afterwards: the two HTMLs stay equal. */
export function useHydrated(): boolean {
  const [isHydrated, setHydrated] = useState(hydrated);
  useEffect(() => {
    hydrated = true;
    setHydrated(true);
  }, []);
  return isHydrated;
}

/**
 * Renders `children` only in the browser, after hydration; `fallback` (same size) until then. For
 * components that write inline styles, which the CSP forbids in server-rendered HTML.
 */
export function ClientOnly({ children, fallback }: { children: () => ReactNode; fallback: ReactNode }) {
  return <>{useHydrated() ? children() : fallback}</>;
}
