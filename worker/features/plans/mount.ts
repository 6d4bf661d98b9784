// What only the app, the queue and cron dispatchers and the wiring mount: this feature's routers, queue
// consumers and cron jobs. Other features and the web use index.ts, which loads no routes.
export { calendarFeedRoutes, planExportsRoutes } from './exports/plans-exports.routes';
export { plansControlRoutes } from './control/plans-control.routes';
export { plansRoutes } from './plans.routes';
export { trainingCalendarRider, trainingCalendarRoutes } from './calendar/calendar.routes';
export { intakeRoutes } from './intake/intake.routes';
export { adaptRoutes } from './adapt/adapt.routes';
export { planAdaptJob } from './adapt/adapt.jobs';
