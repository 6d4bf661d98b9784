// The coach console: orgs and clients, bookings and the ledger, SMS and automations, team, athlete
// links and payments. Its Team gating asks membership through the OrgPlan port (`orgPlan`).
import { createCoachEvents, createCoachService, createConsoleService, createPaymentsService, type CoachEvents } from '../features/coach-os';
import {
  createAthleteLinkService,
  createClientAdaptService,
  createClientActivityService,
  createClientCommentsService,
  createClientNotesService,
  createClientPlanService,
  createClientWellnessService,
} from '../features/coach-os/athlete-link';
import { createAutomations } from '../features/coach-os/automations';
import { createBookingsService } from '../features/coach-os/bookings';
import { createDashboardService } from '../features/coach-os/dashboard';
import { createClientLedgerService } from '../features/coach-os/ledger';
import { createSmsService } from '../features/coach-os/sms';
import { createTeamService } from '../features/coach-os/team';
import { createPlanGlance } from '../features/plans';
import { AccountWiring } from './account';
import type { Built } from './core';

/** The coach events bus with its subscribers already on it, so no event can find it empty. */
interface CoachReactions {
  events: CoachEvents;
  sms: Built<typeof createSmsService>;
  automations: Built<typeof createAutomations>;
}

export class CoachOsWiring extends AccountWiring {
  // SMS and automations react to bookings and session use (and SMS emits on a client's "Y"): the three
  // are built together, in the order they subscribe, whichever of them is asked for first.
  private get coachReactions(): CoachReactions {
    const events = createCoachEvents(this.logger);
    const sms = createSmsService({
      db: this.db,
      clock: this.clock,
      sender: this.providers.sms,
      logger: this.logger,
      events,
      audit: this.audit,
      orgPlan: this.membership,
      defer: this.defer,
    });
    sms.subscribe(events);
    const automations = createAutomations({
      db: this.db,
      clock: this.clock,
      logger: this.logger,
      audit: this.audit,
      email: this.providers.email,
      sms,
      orgPlan: this.membership,
      events,
      defer: this.defer,
    });
    return this.keep('coachReactions', { events, sms, automations });
  }

  /** What happened in an org (bookings, session use), told to SMS and automations. */
  get coachEvents(): CoachEvents {
    return this.coachReactions.events;
  }

  /** SMS: booking messages, templates, threads; `sms.sendToClient` for automations. */
  get sms(): Built<typeof createSmsService> {
    return this.coachReactions.sms;
  }

  /** Coach automations: CRUD, previews, firing (cron + events), tasks. */
  get automations(): Built<typeof createAutomations> {
    return this.coachReactions.automations;
  }

  get coach(): Built<typeof createCoachService> {
    return this.keep('coach', createCoachService({ db: this.db, clock: this.clock, audit: this.audit, orgPlan: this.membership }));
  }

  get bookings(): Built<typeof createBookingsService> {
    return this.keep(
      'bookings',
      createBookingsService({
        db: this.db,
        clock: this.clock,
        audit: this.audit,
        ledger: this.env.CLIENT_LEDGER,
        events: this.coachEvents,
      }),
    );
  }

  /** A client's sessions used and given back by hand, through the client's ClientLedger. */
  get ledger(): Built<typeof createClientLedgerService> {
    return this.keep(
      'ledger',
      createClientLedgerService({
        db: this.db,
        clock: this.clock,
        audit: this.audit,
        ledger: this.env.CLIENT_LEDGER,
        events: this.coachEvents,
      }),
    );
  }

  /** Read models of the coach console: sessions left per client, a client's bookings. */
  get console(): Built<typeof createConsoleService> {
    return this.keep('console', createConsoleService({ db: this.db, clock: this.clock }));
  }

  /** The org's coaches and the owner's invitations. */
  get team(): Built<typeof createTeamService> {
    return this.keep(
      'team',
      createTeamService({ db: this.db, clock: this.clock, audit: this.audit, notifications: this.notify, orgPlan: this.membership }),
    );
  }

  /** A client's consented link to their athlete account, and the training it lets the coach see. */
  get athleteLinks(): Built<typeof createAthleteLinkService> {
    return this.keep(
      'athleteLinks',
      createAthleteLinkService({
        db: this.db,
        clock: this.clock,
        audit: this.audit,
        notifications: this.notify,
        clientOf: this.coach.getClient,
        analytics: this.analytics,
        activities: this.activities,
      }),
    );
  }

  /** A linked athlete's notes and RPE for their coach, on the activities others may see. */
  get clientNotes(): Built<typeof createClientNotesService> {
    return this.keep('clientNotes', createClientNotesService({ db: this.db, clientOf: this.coach.getClient, notes: this.activityNotes }));
  }

  /** The coach's side of the conversations on a linked client's training. */
  get clientComments(): Built<typeof createClientCommentsService> {
    return this.keep(
      'clientComments',
      createClientCommentsService({ db: this.db, clientOf: this.coach.getClient, comments: this.comments }),
    );
  }

  /** A linked client's activity as the coach's activity page shows it, read-only and with the `coach` data use. */
  get clientActivity(): Built<typeof createClientActivityService> {
    return this.keep(
      'clientActivity',
      createClientActivityService({
        db: this.db,
        clientOf: this.coach.getClient,
        activities: this.activities,
        analytics: this.analytics,
        intervals: this.intervals,
        notes: this.activityNotes,
      }),
    );
  }

  /** A linked client's wellness for their coach, only while the athlete shares it (ADR 074); the athlete's switch. */
  get clientWellness(): Built<typeof createClientWellnessService> {
    return this.keep(
      'clientWellness',
      createClientWellnessService({
        db: this.db,
        clock: this.clock,
        audit: this.audit,
        clientOf: this.coach.getClient,
        wellness: this.wellness,
      }),
    );
  }

  /** The console's overview of the org's linked athletes, sorted by who needs attention. */
  get coachDashboard(): Built<typeof createDashboardService> {
    return this.keep(
      'coachDashboard',
      createDashboardService({
        db: this.db,
        clock: this.clock,
        analytics: this.analytics,
        activities: this.activities,
        planGlance: createPlanGlance({ db: this.db, clock: this.clock, policy: this.policy }),
      }),
    );
  }

  /** A coached athlete's adaptive plan changes, decided by their coach (issue 58). */
  get clientAdapt(): Built<typeof createClientAdaptService> {
    return this.keep('clientAdapt', createClientAdaptService({ editor: (...a) => this.clientPlans.editor(...a), adapt: this.adapt }));
  }

  /** A linked athlete's plan for their coach: seen with the link, changed with the athlete's grant (Team). */
  get clientPlans(): Built<typeof createClientPlanService> {
    return this.keep(
      'clientPlans',
      createClientPlanService({
        db: this.db,
        clock: this.clock,
        audit: this.audit,
        clientOf: this.coach.getClient,
        // The plans feature's own services, so coach changes take the athlete's path exactly.
        plans: this.plans,
        workoutControl: this.workoutControl,
        trainingCalendar: this.trainingCalendar,
        orgPlan: this.membership,
      }),
    );
  }

  get payments(): Built<typeof createPaymentsService> {
    return this.keep(
      'payments',
      createPaymentsService({
        db: this.db,
        clock: this.clock,
        audit: this.audit,
        stripe: this.providers.stripe,
        appOrigin: this.env.APP_ORIGIN,
        logger: this.logger,
      }),
    );
  }
}
