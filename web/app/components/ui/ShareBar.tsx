import { cx } from './cx';

/**
 * A horizontal bar filled to `share` (0–1). Drawn in SVG because its width is then an attribute: the
 * CSP's style-src 'self' drops inline style attributes from server-rendered markup (a full bar).
 */
export function ShareBar({ share, className }: { share: number; className?: string }) {
  const clamped = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  return (
    <svg className={cx('share-bar', className)} aria-hidden="true" focusable="false" data-share={clamped.toFixed(3)}>
      <rect className="share-bar-fill" width={`${Math.round(clamped * 1000) / 10}%`} height="100%" />
    </svg>
  );
}
