import type { ReactNode } from 'react';
import { cx } from './cx';

export type BadgeTone = 'success' | 'neutral' | 'warning' | 'danger' | 'info';

export function Badge({ tone = 'neutral', children, className }: { tone?: BadgeTone; children: ReactNode; className?: string }) {
  return <span className={cx('badge', `badge-${tone}`, className)}>{children}</span>;
}
