// What only the app, the queue and cron dispatchers and the wiring mount: this feature's routers, queue
// consumers and cron jobs. Other features and the web use index.ts, which loads no routes.
export { coachProposalAdminRoutes, coachProposalRoutes } from './proposals/proposals.routes';
export { coachChatRoutes } from './conversations/conversations.routes';
export { coachTurnRoutes } from './session/session.routes';
export { coachCostsAdminRoutes } from './costs/costs.routes';
