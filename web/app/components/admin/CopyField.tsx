import { useEffect, useState, type ReactNode } from 'react';
import { Button } from '../ui';

/**
 * The value as wrapping text that a single tap selects whole (user-select: all), so it can be copied
 * without JavaScript; once hydrated, a Copy button does it in one click.
 */
export function CopyField({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  const [hydrated, setHydrated] = useState(false);
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (status === 'idle') return;
    const timer = setTimeout(() => setStatus('idle'), 2500);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  }

  return (
    <div className="copy-field">
      <p className="copy-value">
        <span className="visually-hidden">{label}: </span>
        <code>{value}</code>
      </p>
      {hydrated || children ? (
        <div className="copy-action">
          {hydrated ? (
            <Button variant="secondary" size="sm" onClick={copy} aria-label={`Copy ${label.charAt(0).toLowerCase()}${label.slice(1)}`}>
              Copy
            </Button>
          ) : null}
          {children}
          {hydrated ? (
            <span className="copy-status" aria-live="polite">
              {status === 'copied' ? 'Copied' : status === 'failed' ? 'Select the link to copy it' : ''}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
