import { Link } from '@remix-run/react';

export function Wordmark({ to = '/' }: { to?: string }) {
  return (
    <Link to={to} className="wordmark" aria-label="Cadence, home">
      <svg className="wordmark-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" fill="#0f766e" />
        <path d="M7 20c3 0 4-8 7-8s3 8 6 8 4-6 5-6" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <span className="wordmark-text">Cadence</span>
    </Link>
  );
}
