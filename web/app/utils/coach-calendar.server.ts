import type { AppLoadContext } from '@remix-run/cloudflare';
import { z } from 'zod';
import type { Member } from '../../../worker/features/coach-os';
import { ErrorReason } from '../../../worker/lib/errors';
import { zonedToUtc } from '../../../worker/lib/dates';
import { FreeText } from '../../../worker/lib/text.schema';
import type { CalendarResult } from '~/components/coach/calendar/types';
import { describeDeduction } from './coach-format';
import { appErrorToForm, parseValues } from './forms.server';

// The calendar page's actions, through the same services as the API. Times arrive as org-local
// date + time and become instants here with zonedToUtc (DST-correct), never with the server's zone.

const When = z.object({
  date: z.iso.date({ message: 'Pick a date' }),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Pick a start time'),
  duration: z.coerce
    .number({ message: 'Enter the length in minutes' })
    .int('Whole minutes')
    .min(5, 'At least 5 minutes')
    .max(600, 'At most 600 minutes'),
});
const CreateForm = When.extend({
  clientId: z.uuid({ message: 'Pick a client' }),
  location: FreeText({ max: 200, maxMessage: 'Up to 200 characters' }),
  notes: FreeText({ max: 2000, maxMessage: 'Up to 2,000 characters', multiline: true }),
});
const Id = z.uuid();

/** The service's field paths as the form's: a clash on `startsAt` is shown beside the start time. */
const fieldOf = (path: string) => (path === 'startsAt' ? 'time' : path === 'durationMinutes' ? 'duration' : path);

function failure(intent: string, err: unknown, bookingId?: string, values?: Record<string, string>): CalendarResult {
  const f = appErrorToForm(err, { fieldOf });
  if (f.reason !== ErrorReason.BOOKING_OVERLAP)
    return { intent, bookingId, ok: false, fieldErrors: f.fieldErrors, formError: f.formError, values };
  const fieldErrors = { ...f.fieldErrors, time: 'Overlaps another booking' };
  return { intent, bookingId, ok: false, fieldErrors, formError: 'This overlaps another of your bookings. Pick another time.', values };
}

export async function calendarAction(context: AppLoadContext, m: Member, values: Record<string, string>): Promise<CalendarResult> {
  const { bookings } = context.services;
  const tz = m.org.timeZone;
  const intent = values.intent ?? '';
  if (intent === 'create') {
    const kept = {
      clientId: values.clientId ?? '',
      date: values.date ?? '',
      time: values.time ?? '',
      duration: values.duration ?? '',
      location: values.location ?? '',
      notes: values.notes ?? '',
    };
    const parsed = parseValues(kept, CreateForm);
    if (!parsed.ok) return { intent, ok: false, fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: kept };
    const d = parsed.data;
    try {
      const b = await bookings.create(m, {
        clientId: d.clientId,
        startsAt: zonedToUtc(d.date, d.time, tz).toISOString(),
        durationMinutes: d.duration,
        location: d.location,
        notes: d.notes,
      });
      return {
        intent,
        bookingId: b.id,
        ok: true,
        message: 'Booked. It shows in the calendar as scheduled until the client confirms.',
        fieldErrors: {},
      };
    } catch (err) {
      return failure(intent, err, undefined, kept);
    }
  }
  const id = Id.safeParse(values.bookingId);
  if (!id.success) throw new Response('Unknown booking', { status: 400 });
  const bookingId = id.data;
  try {
    switch (intent) {
      case 'complete': {
        const r = await bookings.complete(m, bookingId);
        return { intent, bookingId, ok: true, message: describeDeduction(r.deduction), fieldErrors: {} };
      }
      case 'cancel': {
        const r = await bookings.cancel(m, bookingId);
        return {
          intent,
          bookingId,
          ok: true,
          message: r.released ? 'Cancelled. The session it used was given back.' : 'Cancelled.',
          fieldErrors: {},
        };
      }
      case 'no-show':
        await bookings.noShow(m, bookingId);
        return { intent, bookingId, ok: true, message: 'Marked as a no-show. No session was used.', fieldErrors: {} };
      case 'reschedule': {
        const parsed = parseValues({ date: values.date ?? '', time: values.time ?? '', duration: values.duration ?? '' }, When);
        if (!parsed.ok) return { intent, bookingId, ok: false, fieldErrors: parsed.fieldErrors, formError: parsed.formError };
        const d = parsed.data;
        await bookings.reschedule(m, bookingId, { startsAt: zonedToUtc(d.date, d.time, tz).toISOString(), durationMinutes: d.duration });
        return { intent, bookingId, ok: true, message: 'Moved. The client will be asked to confirm again.', fieldErrors: {} };
      }
      default:
        throw new Response('Unknown action', { status: 400 });
    }
  } catch (err) {
    if (err instanceof Response) throw err;
    return failure(intent, err, bookingId);
  }
}
