// What the Recharts charts share: the axis and grid colours, and the props their tooltips read.

import type { TooltipContentProps } from 'recharts';

/** What the tooltips read: whether one is showing, and the hovered datum. */
export type TipProps = Pick<TooltipContentProps, 'active' | 'payload'>;

export const AXIS = '#475569';
export const GRID = '#e2e8f0';
export const tick = { fontSize: 12, fill: AXIS };
