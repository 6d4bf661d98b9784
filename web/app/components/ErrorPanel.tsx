import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { ButtonLink } from './ui';

const COPY: Record<number, { title: string; text: string }> = {
  403: { title: 'Not allowed', text: "Your account doesn't have access to this page." },
  404: { title: 'Page not found', text: "We couldn't find that page. It may have moved, or the link may be mistyped." },
  503: { title: 'Cadence is briefly unavailable', text: "We can't reach our database for a moment. Try again in a few seconds." },
};
const FALLBACK = { title: 'Something went wrong', text: 'An unexpected error happened on our side. Try again in a moment.' };

/** The error page's title for a status (the document title says the same). */
export const errorTitle = (status: number) => (COPY[status] ?? FALLBACK).title;

const OFFLINE = {
  title: "You're offline",
  text: "This page isn't kept on this device. Home, Training, Activities, Analysis and the AI coach are, as of your last visit; reconnect for the rest.",
};

export function useErrorStatus(): number {
  const error = useRouteError();
  return isRouteErrorResponse(error) ? error.status : 500;
}

/** A page the browser could not fetch without signal is the connection's doing, not "an error on our side". */
function isOffline(status: number): boolean {
  return status === 500 && typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** The body of every error page; the h1 is the page's only one. */
export function ErrorPanel({ status, homeHref = '/' }: { status: number; homeHref?: string }) {
  const offline = isOffline(status);
  const { title, text } = offline ? OFFLINE : (COPY[status] ?? FALLBACK);
  return (
    <div className="error-panel">
      <p className="error-code">{offline ? 'Offline' : status}</p>
      <h1 className="page-title">{title}</h1>
      <p className="error-text">{text}</p>
      <ButtonLink to={homeHref}>{homeHref === '/' ? 'Back to Cadence' : 'Back to Home'}</ButtonLink>
    </div>
  );
}

/** For pages inside the signed-in shell: the header stays, the error fills the content area. */
export function AppErrorBoundary() {
  return <ErrorPanel status={useErrorStatus()} homeHref="/home" />;
}
