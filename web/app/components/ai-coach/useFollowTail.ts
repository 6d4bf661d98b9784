// Keeps the newest text in view while an answer streams, unless the reader scrolled up to read: then
// the page stays put and offers "Jump to latest".
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

const SLACK = 120;
const useIsoLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

const atBottom = () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - SLACK;

export function useFollowTail(content: unknown, active: boolean) {
  const following = useRef(true);
  const [away, setAway] = useState(false);

  useEffect(() => {
    let last = window.scrollY;
    const onScroll = () => {
      const y = window.scrollY;
      // Only the reader's own upward scroll stops following; content growing below does not.
      if (y < last - 4 && !atBottom()) following.current = false;
      else if (atBottom()) following.current = true;
      last = y;
      setAway(!following.current);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);

  // `content` is the trigger: each change may grow the page.
  useIsoLayoutEffect(() => {
    if (!active) return;
    if (following.current) window.scrollTo({ top: document.documentElement.scrollHeight });
    else setAway(true);
  }, [content, active]);

  const jump = useCallback(() => {
    following.current = true;
    setAway(false);
    window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'smooth' });
  }, []);

  /** After sending: follow again from the bottom. */
  const follow = useCallback(() => {
    following.current = true;
    setAway(false);
  }, []);

  return { away: away && active, jump, follow };
}
