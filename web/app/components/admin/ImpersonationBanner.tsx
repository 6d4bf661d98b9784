import { Form, useRevalidator } from '@remix-run/react';
import { useEffect, useState } from 'react';

const mmss = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

/**
 * On every page of the app while an owner impersonates someone: who, the time left, and "End now" (a
 * plain form post, so it works without JavaScript). The count starts from the server's figure (right on
 * load without JS) and ticks by the browser's own elapsed time, so a skewed clock does not matter.
 */
export function ImpersonationBanner({ displayName, secondsLeft }: { displayName: string; secondsLeft: number }) {
  const [left, setLeft] = useState(secondsLeft);
  const revalidator = useRevalidator();
  useEffect(() => {
    const started = Date.now();
    setLeft(secondsLeft);
    const timer = setInterval(() => {
      const next = Math.max(0, secondsLeft - Math.floor((Date.now() - started) / 1000));
      setLeft(next);
      if (next === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [secondsLeft]);
  // Time is up: reload the data; the server ends it and the owner's own session takes over.
  useEffect(() => {
    if (left === 0 && revalidator.state === 'idle') revalidator.revalidate();
  }, [left, revalidator]);
  return (
    <aside className="impersonation-banner" aria-label="Impersonation">
      <div className="container impersonation-banner-inner">
        <p className="impersonation-banner-text" role="status">
          You are viewing Cadence as <strong>{displayName}</strong> ·{' '}
          {/* The ticking figure is hidden from screen readers (a status region would read every second); they get minutes. */}
          <time aria-hidden="true">{mmss(left)}</time>
          <span className="visually-hidden">{Math.ceil(left / 60)} minutes</span> left
        </p>
        <Form method="post" action="/impersonation" className="impersonation-banner-form" reloadDocument>
          <input type="hidden" name="intent" value="end" />
          <button type="submit" className="impersonation-banner-end">
            End now
          </button>
        </Form>
      </div>
    </aside>
  );
}
