// What only the app, the queue and cron dispatchers and the wiring mount: this feature's routers, queue
// consumers and cron jobs. Other features and the web use index.ts, which loads no routes.
export { coachRoutes } from './coach-os.routes';
export { paymentRoutes } from './payments/payments.routes';
export { consoleRoutes } from './console/console.routes';
export { bookingRoutes } from './bookings/bookings.routes';
export { dashboardRoutes } from './dashboard/dashboard.routes';
export { ledgerRoutes } from './ledger/ledger.routes';
export { myInvitesRoutes, teamRoutes } from './team/team.routes';
export { athleteLinkRoutes, myCoachLinksRoutes } from './athlete-link/athlete-link.routes';
export { clientNotesRoutes } from './athlete-link/client-notes.routes';
export { clientCommentsRoutes } from './athlete-link/client-comments.routes';
export { clientActivityRoutes } from './athlete-link/client-activity.routes';
export { clientWellnessRoutes, myWellnessShareRoutes } from './athlete-link/client-wellness.routes';
export { clientPlanRoutes } from './athlete-link/client-plan.routes';
export { clientAdaptRoutes } from './athlete-link/client-adapt.routes';
export { smsClientRoutes, smsRoutes } from './sms/sms.routes';
export { twilioWebhookRoutes } from './sms/sms-webhook.routes';
export { automationRoutes } from './automations/automations.routes';
export { bookingsAutoCompleteJob } from './bookings/bookings.jobs';
export { smsSendDueJob } from './sms/sms.jobs';
export { automationsRunDueJob, automationsScanJob } from './automations/automations.jobs';
export { trainingRoutes } from './training/training.routes';
