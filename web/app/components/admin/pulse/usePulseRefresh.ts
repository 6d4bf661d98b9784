import { useEffect, useRef, useState, type RefObject } from 'react';
import { usePolling } from '~/components/data/usePolling';

/**
 * Re-runs the pulse's loader every `intervalMs` while the tab shows (usePolling: no full reload, so scroll
 * stays), and holds off while the operator is typing a reason inside `area` so the row under them stays put.
 */
export function usePulseRefresh(area: RefObject<HTMLElement | null>, intervalMs = 15_000): void {
  const [typing, setTyping] = useState(false);
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    const isField = (t: EventTarget | null) => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement;
    const onIn = (e: FocusEvent) => setTyping(isField(e.target));
    const onOut = () => setTyping(false);
    el.addEventListener('focusin', onIn);
    el.addEventListener('focusout', onOut);
    return () => {
      el.removeEventListener('focusin', onIn);
      el.removeEventListener('focusout', onOut);
    };
  }, [area]);
  usePolling(!typing, intervalMs);
}

/** "updated 12 s ago", ticking each second from the document's generatedAt. */
export function useSecondsSince(iso: string): number {
  const at = new Date(iso).getTime();
  const [now, setNow] = useState<number | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    setNow(Date.now());
    timer.current = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer.current);
  }, []);
  return now === null ? 0 : Math.max(0, Math.round((now - at) / 1000));
}
