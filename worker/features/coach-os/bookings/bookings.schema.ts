import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';

export const CreateBookingInput = z
  .object({
    clientId: z.uuid(),
    coachId: z.uuid().optional().openapi({ description: 'A coach of your org; default you' }),
    startsAt: z.iso.datetime({ offset: true }),
    durationMinutes: z.number().int().min(5).max(600),
    location: FreeText({ max: 200 }).optional(),
    notes: FreeText({ max: 2000, multiline: true }).optional(),
  })
  .openapi('CreateBooking');
export const RescheduleBookingInput = z
  .object({ startsAt: z.iso.datetime({ offset: true }), durationMinutes: z.number().int().min(5).max(600).optional() })
  .openapi('RescheduleBooking');
export const BookingRangeQuery = z.object({
  from: z.iso.datetime({ offset: true }).openapi({ description: 'Start of the visible range (inclusive)' }),
  to: z.iso.datetime({ offset: true }).openapi({ description: 'End of the visible range (exclusive); at most 62 days after from' }),
});

export const Booking = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    clientName: z.string().optional(),
    coachId: z.uuid(),
    startsAt: z.string(),
    endsAt: z.string(),
    location: z.string(),
    notes: z.string(),
    status: z.enum(['scheduled', 'confirmed', 'completed', 'cancelled', 'no_show']),
    confirmedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .openapi('Booking');
export const Deduction = z
  .object({ status: z.enum(['deducted', 'already', 'no_sessions']), remaining: z.number().optional() })
  .openapi('Deduction', { description: 'What completing did to the client’s sessions' });
