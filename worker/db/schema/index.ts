export { users, permissions, userRole, unitSystem, sexValue } from './users';
export { sessions, passwordResetTokens, loginThrottle, emailChanges } from './sessions';
export { invites, inviteRedemptions } from './invites';
export { auditLog } from './audit';
export {
  notifications,
  notificationPreferences,
  notificationEvents,
  notificationDeliveries,
  pushSubscriptions,
  emailMode,
  deliveryStatus,
  deliveryKind,
} from './notifications';
export { activities, activityBulkEdits, activityStreams, activitySource, activityTombstones, activityUnlinks, sport } from './activities';
export { activityNotes } from './activity-notes';
export { wellnessEngineState, wellnessReadings } from './wellness';
export { doorWellness } from './door-wellness';
export {
  providerConnections,
  providerName,
  ingestionState,
  ingestionStatus,
  ingestJobs,
  jobStatus,
  webhookEvents,
  systemFlags,
  oauthStates,
  importJobs,
  importStatus,
  disconnectReason,
  providerDisconnects,
} from './ingest';
export {
  athleteThresholds,
  thresholdKind,
  thresholdSource,
  loadMethod,
  activityMetrics,
  activityEfforts,
  trainingDays,
  analyticsRebuilds,
  activityCurves,
  curveMonths,
} from './analytics';
export {
  orgs,
  orgMembers,
  orgInvites,
  orgInviteStatus,
  orgRole,
  clients,
  athleteLinks,
  athleteLinkStatus,
  smsConsent,
  packageTypes,
  clientPackages,
  clientPackageStatus,
  sessionLedger,
  ledgerKind,
  bookings,
  bookingStatus,
} from './coach';
export { stripeEvents, moneyEvents, moneyKind, moneySource } from './billing';
export { smsMessages, smsTemplates, smsDirection, smsKind, smsState, smsTemplateKind } from './sms';
export { automations, automationRuns, automationRunStatus, coachTasks } from './automations';
export {
  billingCustomers,
  billingOwnerType,
  subscriptionMirror,
  membershipGrants,
  grantKind,
  membershipTrials,
  usageCounters,
  usageUnits,
} from './membership';
export { plans, planStatus, planChangeSource, plannedWorkouts, planChanges, actionCounters, calendarFeeds, athleteIntake } from './plans';
export {
  coachConversations,
  coachMessages,
  coachMessageRole,
  coachMessageStatus,
  coachToolCalls,
  coachLlmCalls,
  coachProposals,
  coachProposalStatus,
} from './ai-coach';
export {
  privacyRequests,
  privacyRequestKind,
  privacyRequestStatus,
  deletionReceipts,
  erasedLlmCosts,
  orphanSweeps,
} from './privacy';
export { trainingComments, trainingCommentReads } from './comments';
export { garminWorkoutSends } from './garmin-training';
export { libraryWorkouts, planTemplates, templateApplications } from './library';
export { idempotencyKeys } from './idempotency';
export { socialProfiles, privacyZones, follows, blocks, mutes, posts, postKudos, postComments } from './social';
export { moderationReports, moderationActions } from './social-moderation';
export {
  achievementAwards,
  activityRaceResults,
  activitySocialJudgments,
  awardEvaluations,
  leaderboardWeeks,
  leaderboardReviews,
} from './social-awards';
export type { AwardReceipts } from './social-awards';
export { races, racePredictions } from './races';
export { sweatTests, gutTrainingSessions } from './race-fuelling';
export { raceCourses } from './race-courses';
export { raceResults } from './race-results';
export { activityTracks, mapStates, segmentEfforts, segments, SEGMENT_VISIBILITIES } from './maps';
export { courses } from './courses';
export { heatmapBuckets, heatmapStates, heatmapTiles } from './maps-heatmap';
export { planAdaptations, planAdaptationStatus, planHealthNotes, planAdaptStates } from './plan-adapt';
export { apiKeys } from './api-keys';
export { oauthRateWindows } from './oauth';
