import type { AppEnv } from './context';
import { accountRoutes } from './features/account/mount';
import { deletionRoutes, orgDeletionRoutes } from './features/privacy/mount';
import { activitiesRoutes, tombstoneRoutes } from './features/activities/mount';
import { activityNotesRoutes } from './features/activity-notes/mount';
import { fuellingRoutes, racesRoutes, triathlonRoutes } from './features/races/mount';
import { mapTilesRoutes } from './features/maps/mount';
import { activitySegmentEffortsRoutes, segmentsRoutes } from './features/maps/mount';
import { heatmapRoutes } from './features/maps/mount';
import { wellnessRoutes, whyRoutes } from './features/wellness/mount';
import {
  awardsRoutes,
  moderationAdminRoutes,
  moderationRoutes,
  peopleRoutes,
  postsRoutes,
  reviewsAdminRoutes,
} from './features/social/mount';
import { commentsRoutes } from './features/comments/mount';
import { garminTrainingRoutes } from './features/garmin-training/mount';
import { coursesRoutes } from './features/maps/mount';
import { libraryRoutes } from './features/library/mount';
import { intervalsRoutes } from './features/intervals/mount';
import {
  activityStreamsRoutes,
  analyticsAdminRoutes,
  analyticsRoutes,
  curvesRoutes,
  exportsRoutes,
  trendsRoutes,
} from './features/analytics/mount';
import {
  athleteLinkRoutes,
  automationRoutes,
  bookingRoutes,
  clientNotesRoutes,
  clientCommentsRoutes,
  clientActivityRoutes,
  clientWellnessRoutes,
  clientAdaptRoutes,
  clientPlanRoutes,
  trainingRoutes,
  coachRoutes,
  consoleRoutes,
  dashboardRoutes,
  ledgerRoutes,
  myCoachLinksRoutes,
  myWellnessShareRoutes,
  myInvitesRoutes,
  paymentRoutes,
  smsClientRoutes,
  smsRoutes,
  teamRoutes,
  twilioWebhookRoutes,
} from './features/coach-os/mount';
import { stripeWebhookRoutes } from './features/stripe-inbox/mount';
import { coachBillingRoutes, membershipAdminRoutes, membershipRoutes } from './features/membership/mount';
import {
  adaptRoutes,
  calendarFeedRoutes,
  intakeRoutes,
  planExportsRoutes,
  plansControlRoutes,
  plansRoutes,
  trainingCalendarRider,
  trainingCalendarRoutes,
} from './features/plans/mount';
import { adminRoutes } from './features/admin/mount';
import { supportRoutes } from './features/support/mount';
import { operatorActionsRoutes } from './features/operator/mount';
import { operatorAccountsRoutes } from './features/operator-accounts/mount';
import { opsPulseRoutes } from './features/ops-pulse/mount';
import {
  coachChatRoutes,
  coachCostsAdminRoutes,
  coachProposalAdminRoutes,
  coachProposalRoutes,
  coachTurnRoutes,
} from './features/ai-coach/mount';
import { apiDocsRoutes } from './features/api-docs/mount';
import { apiKeyAuth, personalKeyRoutes, teamKeyRoutes } from './features/api-keys/mount';
import { coachMcpRoutes, mcpRoutes } from './features/mcp/mount';
import { assistantRoutes, oauthProtocolRoutes } from './features/oauth/mount';
import { authRoutes } from './features/auth/mount';
import { auditViewerRoutes } from './features/audit/mount';
import { platformMetricsRoutes } from './features/platform-metrics/mount';
import { healthRoutes } from './features/health/health.routes';
import {
  connectionsRoutes,
  doorConnectionRoutes,
  garminWellnessRoutes,
  doorWebhookRoutes,
  importsRoutes,
  ingestionAdminRoutes,
  ingestionRoutes,
  stravaWebhookRoutes,
} from './features/ingest/mount';
import { invitesRoutes } from './features/invites/mount';
import { privacyRequestsAdminRoutes } from './features/privacy/mount';
import { impersonationAdminRoutes, impersonationMeRoutes } from './features/impersonation/mount';
import { notificationsRoutes, pushRoutes, unsubscribeRoutes } from './features/notifications/mount';
import { exportRoutes, reimportRoutes } from './features/privacy/mount';
import { guardRoute, publicAccess } from './http/access';
import { handleError } from './http/error-handler';
import { refuseDemoWrites } from './http/demo.middleware';
import { passwordChangeGate } from './http/password-change.middleware';
import { sessionRiders } from './http/session-riders.middleware';
import { renderPage } from './http/remix';
import { requestContext } from './http/request.middleware';
import { createRouter } from './http/router';
import { limitBody, originCheck, refuseNulInUrl, securityHeaders } from './http/security.middleware';
import { AppError, ErrorCode, ErrorReason } from './lib/errors';

/** Reads fetched with the session lookup (ADR 093); each names a GET route of the app (route-access.test.ts). */
export const SESSION_RIDERS = [trainingCalendarRider];

export function createApp() {
  const app = createRouter();
  app.use('*', requestContext, securityHeaders, refuseNulInUrl, originCheck, limitBody);
  app.onError(handleError);
  // An API key is checked before anything else of the API and the MCP endpoint (401/429/403 at once; only their paths
  // carry one, request.middleware.ts), then each route's guard checks its scope. App-wide: a request with no key passes.
  app.use('*', ...apiKeyAuth);
  // Before anything looks the session up: these reads ride on that lookup (ADR 093).
  app.use('/api/*', sessionRiders(SESSION_RIDERS));
  app.use('/api/*', refuseDemoWrites);
  app.use('/api/*', passwordChangeGate);

  app.route('/api', healthRoutes);
  app.route('/api/v1/auth', authRoutes);
  app.route('/api/v1/me', accountRoutes);
  app.route('/api/v1/me/deletion', deletionRoutes);
  app.route('/api/v1/coach/org/deletion', orgDeletionRoutes);
  app.route('/api/v1/me/impersonation', impersonationMeRoutes);
  app.route('/api/v1/me/api-keys', personalKeyRoutes);
  app.route('/api/v1/me/assistants', assistantRoutes);
  app.route('/api/v1/coach/api-keys', teamKeyRoutes);
  app.route('/api/v1/membership', membershipRoutes);
  app.route('/api/v1/plans', plansRoutes);
  app.route('/api/v1/plans', plansControlRoutes);
  app.route('/api/v1/plans', planExportsRoutes);
  app.route('/api/v1/plans', adaptRoutes);
  app.route('/api/v1/calendar', trainingCalendarRoutes);
  app.route('/api/v1/races', racesRoutes);
  app.route('/api/v1/maps', heatmapRoutes);
  app.route('/api/v1', fuellingRoutes);
  app.route('/api/v1/races', triathlonRoutes);
  // Public: basemap tiles and style carry no personal data (ADR 097).
  app.route('/api/v1/maps', mapTilesRoutes);
  app.route('/api/v1/courses', coursesRoutes);
  // Public: calendar apps fetch it with the secret URL and no session.
  app.route('/api/v1/calendar-feed', calendarFeedRoutes);
  app.route('/api/v1/intake', intakeRoutes);
  app.route('/api/v1/activities', tombstoneRoutes);
  app.route('/api/v1/activities', activitiesRoutes);
  app.route('/api/v1/activities', intervalsRoutes);
  app.route('/api/v1/activities', activityNotesRoutes);
  app.route('/api/v1/activities', activitySegmentEffortsRoutes);
  app.route('/api/v1/segments', segmentsRoutes);
  app.route('/api/v1/wellness', wellnessRoutes);
  app.route('/api/v1/wellness', whyRoutes);
  app.route('/api/v1/social', peopleRoutes);
  app.route('/api/v1/social', postsRoutes);
  app.route('/api/v1/social', moderationRoutes);
  app.route('/api/v1/social', awardsRoutes);
  app.route('/api/v1/comments', commentsRoutes);
  app.route('/api/v1/library', libraryRoutes);
  app.route('/api/v1/activities', activityStreamsRoutes);
  app.route('/api/v1/analytics', analyticsRoutes);
  app.route('/api/v1/analytics', curvesRoutes);
  app.route('/api/v1/analytics', trendsRoutes);
  app.route('/api/v1/exports', exportsRoutes);
  app.route('/api/v1/ai-coach', coachChatRoutes);
  app.route('/api/v1/ai-coach', coachTurnRoutes);
  app.route('/api/v1/ai-coach/proposals', coachProposalRoutes);
  app.route('/api/v1/coach/bookings', bookingRoutes);
  app.route('/api/v1/coach/sms', smsRoutes);
  app.route('/api/v1/coach/clients', smsClientRoutes);
  app.route('/api/v1/coach', coachRoutes);
  app.route('/api/v1/coach', ledgerRoutes);
  app.route('/api/v1/coach', paymentRoutes);
  app.route('/api/v1/coach', automationRoutes);
  app.route('/api/v1/coach', consoleRoutes);
  app.route('/api/v1/coach', teamRoutes);
  app.route('/api/v1/coach', athleteLinkRoutes);
  app.route('/api/v1/coach', clientPlanRoutes);
  app.route('/api/v1/coach', clientAdaptRoutes);
  app.route('/api/v1/coach', trainingRoutes);
  app.route('/api/v1/coach', clientNotesRoutes);
  app.route('/api/v1/coach', clientCommentsRoutes);
  app.route('/api/v1/coach', clientActivityRoutes);
  app.route('/api/v1/coach', clientWellnessRoutes);
  app.route('/api/v1/coach', dashboardRoutes);
  app.route('/api/v1/coach', coachBillingRoutes);
  app.route('/api/v1/coach', coachMcpRoutes);
  app.route('/api/v1/me/org-invites', myInvitesRoutes);
  app.route('/api/v1/me/coach-links', myCoachLinksRoutes);
  app.route('/api/v1/me/coach-links', myWellnessShareRoutes);
  // Public: the signed token is the authority (RFC 8058 one-click from mail providers, no session).
  app.route('/api/v1/notifications/unsubscribe', unsubscribeRoutes);
  app.route('/api/v1/notifications/push-subscriptions', pushRoutes);
  app.route('/api/v1/notifications', notificationsRoutes);
  app.route('/api/v1/admin/invites', invitesRoutes);
  app.route('/api/v1/connections', connectionsRoutes);
  // The live doors (Garmin Connect, …): after Strava's, whose static paths answer first.
  app.route('/api/v1/connections', doorConnectionRoutes);
  app.route('/api/v1/connections', garminWellnessRoutes);
  app.route('/api/v1/garmin-training', garminTrainingRoutes);
  app.route('/api/v1/ingestion', ingestionRoutes);
  app.route('/api/v1/imports', importsRoutes);
  app.route('/api/v1/privacy/exports', exportRoutes);
  app.route('/api/v1/privacy/reimports', reimportRoutes);
  app.route('/api/v1/admin/ingestion', ingestionAdminRoutes);
  app.route('/api/v1/admin/analytics', analyticsAdminRoutes);
  app.route('/api/v1/admin/athletes', coachProposalAdminRoutes);
  app.route('/api/v1/admin', adminRoutes);
  app.route('/api/v1/admin', supportRoutes);
  app.route('/api/v1/admin', coachCostsAdminRoutes);
  app.route('/api/v1/admin', membershipAdminRoutes);
  app.route('/api/v1/admin', platformMetricsRoutes);
  app.route('/api/v1/admin', auditViewerRoutes);
  app.route('/api/v1/admin/moderation', moderationAdminRoutes);
  app.route('/api/v1/admin/moderation', reviewsAdminRoutes);
  app.route('/api/v1/admin/impersonation', impersonationAdminRoutes);
  app.route('/api/v1/admin', operatorActionsRoutes);
  app.route('/api/v1/admin', operatorAccountsRoutes);
  app.route('/api/v1/admin/ops', opsPulseRoutes);
  app.route('/api/v1/admin/privacy', privacyRequestsAdminRoutes);
  app.route('/webhooks/strava', stravaWebhookRoutes);
  app.route('/webhooks/twilio', twilioWebhookRoutes);
  app.route('/webhooks/stripe', stripeWebhookRoutes);
  app.route('/webhooks', doorWebhookRoutes);
  // The remote MCP endpoint (ADR 106).
  app.route('/mcp', mcpRoutes);
  // OAuth 2.1 for it (ADR 107): the protocol's public endpoints; the consent page is Remix's (/oauth/authorize).
  app.route('/', oauthProtocolRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'cadence_session',
    description: 'Session cookie set by login/register (named __Host-cadence_session over HTTPS).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'cdn_live_…',
    description:
      'A personal (Pro) or team (Team) API key from Settings → API, as `Authorization: Bearer <key>`. Each operation names the scope it needs (`x-cadence-scope`); `none`: keys are refused. 120 requests a minute per key (RateLimit-* headers).',
  });
  app.get('/api/openapi.json', guardRoute(publicAccess('the API description'), 'normal', 'none', 'none'), (c) =>
    c.json(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Cadence API',
          version: '1.0.0',
          description: 'JSON API of Cadence. Errors are always { error: { code, message, requestId } }.',
        },
      }),
    ),
  );
  app.route('/api/docs', apiDocsRoutes);

  const notFound = () => {
    throw new AppError(ErrorCode.NOT_FOUND, 'No such API route.', { reason: ErrorReason.UNKNOWN_ROUTE });
  };
  app.all('/api/*', notFound);
  app.all('/webhooks/*', notFound);
  app.all('*', renderPage);
  return app;
}

export type App = ReturnType<typeof createApp>;
export type { AppEnv };
