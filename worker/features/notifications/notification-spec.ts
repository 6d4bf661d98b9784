// The shape of one notification type in the catalog, and the helper its words share.
import { z } from 'zod';
import type { Category } from './categories';

/**
 * normal: may wait for the daily summary; alert: sent as it happens (after do-not-disturb);
 * transactional: billing and security, sent as it happens even in do-not-disturb and in every email mode.
 */
export type Urgency = 'normal' | 'alert' | 'transactional';

/** A figure in an email, formatted in the reader's units by the template. */
export const Fact = z.object({
  label: z.string().max(80),
  value: z.number(),
  format: z.enum(['distance_m', 'duration_s', 'number', 'signed_number', 'percent']),
});
export type Fact = z.infer<typeof Fact>;

/** The activities a figure came from, carried with the event so rendering needs no lookup. */
export const Receipt = z.object({ id: z.uuid(), name: z.string().max(200), startDate: z.iso.date() });
export type Receipt = z.infer<typeof Receipt>;

export const spec = <S extends z.ZodType>(s: {
  category: Category;
  urgency: Urgency;
  data: S;
  title: (d: z.infer<S>) => string;
  body: (d: z.infer<S>) => string;
  link: (d: z.infer<S>) => string | null;
  /** The grouped row's label for n of these ("3 analysis updates"). */
  group: (n: number) => string;
  facts?: (d: z.infer<S>) => Fact[];
  receipts?: (d: z.infer<S>) => Receipt[];
  /** false: never emailed, whatever the settings (a notice that is stale by the time a summary would carry it). */
  emailed?: false;
}) => s;

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
