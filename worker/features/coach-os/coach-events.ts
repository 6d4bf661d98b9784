// What happened in a coaching org, told to the subsystems that react to it (SMS confirmations and
// follow-ups, automations). Emitted after the change is committed; each subscriber is idempotent and
// has a cron that repairs anything a failed reaction missed, so a failure here never undoes the change.

import type { Logger } from '../../lib/logger';

export type BookingEventType =
  | 'booking.created'
  | 'booking.rescheduled'
  | 'booking.confirmed'
  | 'booking.completed'
  | 'booking.cancelled'
  | 'booking.no_show';

export type CoachEvent =
  | { type: BookingEventType; orgId: string; clientId: string; bookingId: string }
  | { type: 'session.used' | 'session.released'; orgId: string; clientId: string; packageId: string; remaining: number };

export type CoachEventHandler = (event: CoachEvent) => Promise<void>;

export interface CoachEvents {
  emit(event: CoachEvent): Promise<void>;
  /** Subscribers register once, when the services are built. */
  on(handler: CoachEventHandler): void;
}

export function createCoachEvents(logger: Logger): CoachEvents {
  const handlers: CoachEventHandler[] = [];
  return {
    on: (handler) => void handlers.push(handler),
    async emit(event) {
      for (const handler of handlers) {
        try {
          await handler(event);
        } catch (err) {
          // Ids only: the repair crons pick up whatever this reaction missed.
          logger.error('coach event handler failed', {
            event: event.type,
            orgId: event.orgId,
            clientId: event.clientId,
            errorName: err instanceof Error ? err.name : 'unknown',
          });
        }
      }
    },
  };
}
