import type { ReactNode } from 'react';
import { Badge, type BadgeTone } from '~/components/ui';
import { formatDateTime } from '~/utils/format';

/** A card's label/value pairs; wraps to one column at 360 px. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="support-facts">
      {items.map(([label, value]) => (
        <div key={label} className="support-fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const TONES: Record<string, BadgeTone> = {
  done: 'success',
  active: 'success',
  accepted: 'success',
  applied: 'success',
  trialing: 'info',
  queued: 'info',
  running: 'info',
  proposed: 'info',
  pending: 'info',
  deferred: 'warning',
  paused: 'warning',
  past_due: 'warning',
  canceled: 'neutral',
  rejected: 'neutral',
  error: 'danger',
  failed: 'danger',
};

/** A status word as a badge whose colour says whether it needs attention. */
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? 'neutral'}>{status.replace(/_/g, ' ')}</Badge>;
}

/** A timestamp in the viewer's zone, or a dash. */
export function When({ at, tz }: { at: string | null | undefined; tz: string }) {
  return at ? <time dateTime={at}>{formatDateTime(at, tz)}</time> : <>—</>;
}

/** An empty section's one line. */
export function None({ children }: { children: ReactNode }) {
  return <p className="support-none">{children}</p>;
}
