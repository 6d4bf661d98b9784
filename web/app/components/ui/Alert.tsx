import type { ReactNode } from 'react';
import { cx } from './cx';

type Tone = 'error' | 'success' | 'info' | 'warning';

interface AlertProps {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  /** Off inside a LiveRegion, which already announces it. */
  announce?: boolean;
}

export function Alert({ tone = 'info', title, children, className, announce = true }: AlertProps) {
  const role = announce ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={cx('alert', `alert-${tone}`, className)} role={role}>
      {title ? <p className="alert-title">{title}</p> : null}
      {children ? <div className="alert-body">{children}</div> : null}
    </div>
  );
}

/**
 * Always rendered, so screen readers announce messages that appear in it after a submit.
 * Without JavaScript the page reloads and the message is simply there.
 */
export function LiveRegion({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <div aria-live="polite" className={cx('live-region', className)}>
      {children}
    </div>
  );
}

export function FormError({ message }: { message?: string | null }) {
  return (
    <LiveRegion>
      {message ? (
        <Alert tone="error" announce={false}>
          {message}
        </Alert>
      ) : null}
    </LiveRegion>
  );
}

/** A success message where an action happened, announced politely (always rendered, like LiveRegion). */
export function SuccessNotice({ message }: { message?: string | null }) {
  return (
    <LiveRegion>
      {message ? (
        <Alert tone="success" announce={false}>
          {message}
        </Alert>
      ) : null}
    </LiveRegion>
  );
}

/** The outcome of a form action (success message or error), announced politely where it happened. */
export function ResultNotice({ result }: { result?: { ok: boolean; message?: string; formError?: string } | undefined }) {
  return (
    <LiveRegion>
      {result ? (
        <Alert tone={result.ok ? 'success' : 'error'} announce={false}>
          {result.ok ? result.message : result.formError}
        </Alert>
      ) : null}
    </LiveRegion>
  );
}
