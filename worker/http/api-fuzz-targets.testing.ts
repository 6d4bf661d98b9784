// The API fuzz test's targets, collected from the features (each keeps its own beside its routes, in
// <feature>.fuzz.testing.ts); what the target makers share is api-fuzz-kit.testing.ts.
import { fuzzTargets as auth } from '../features/auth/auth.fuzz.testing';
import { fuzzTargets as privacy } from '../features/privacy/privacy.fuzz.testing';
import { fuzzTargets as notifications } from '../features/notifications/notifications.fuzz.testing';
import { fuzzTargets as ingest } from '../features/ingest/ingest.fuzz.testing';
import { fuzzTargets as stripeInbox } from '../features/stripe-inbox/stripe-inbox.fuzz.testing';
import { fuzzTargets as coachOs } from '../features/coach-os/coach-os.fuzz.testing';
import { fuzzTargets as plans } from '../features/plans/plans.fuzz.testing';
import { fuzzTargets as plansAdapt } from '../features/plans/adapt/adapt.fuzz.testing';
import { fuzzTargets as analytics } from '../features/analytics/analytics.fuzz.testing';
import { fuzzTargets as membership } from '../features/membership/membership.fuzz.testing';
import { fuzzTargets as aiCoach } from '../features/ai-coach/ai-coach.fuzz.testing';
import { fuzzTargets as operator } from '../features/operator/operator.fuzz.testing';
import { fuzzTargets as opsPulse } from '../features/ops-pulse/ops-pulse.fuzz.testing';
import { fuzzTargets as comments } from '../features/comments/comments.fuzz.testing';
import { fuzzTargets as garminTraining } from '../features/garmin-training/garmin-training.fuzz.testing';
import { fuzzTargets as library } from '../features/library/library.fuzz.testing';
import { fuzzTargets as activities } from '../features/activities/activities.fuzz.testing';
import { fuzzTargets as wellness } from '../features/wellness/wellness.fuzz.testing';
import { fuzzTargets as socialPeople } from '../features/social/people/people.fuzz.testing';
import { fuzzTargets as socialModeration } from '../features/social/moderation/moderation.fuzz.testing';
import { fuzzTargets as socialAwards } from '../features/social/awards/awards.fuzz.testing';
import { fuzzTargets as socialPosts } from '../features/social/posts/posts.fuzz.testing';
import { fuzzTargets as races } from '../features/races/races.fuzz.testing';
import { fuzzTargets as heatmap } from '../features/maps/heatmap/heatmap.fuzz.testing';
import { fuzzTargets as raceFuelling } from '../features/races/fuelling/fuelling.fuzz.testing';
import { fuzzTargets as mapTiles } from '../features/maps/tiles/tiles.fuzz.testing';
import { fuzzTargets as mapsCourses } from '../features/maps/courses/courses.fuzz.testing';
import { fuzzTargets as mapsSegments } from '../features/maps/segments/segments.fuzz.testing';
import { fuzzTargets as apiKeys } from '../features/api-keys/api-keys.fuzz.testing';
import { fuzzTargets as mcp } from '../features/mcp/mcp.fuzz.testing';
import { fuzzTargets as oauth } from '../features/oauth/oauth.fuzz.testing';
import type { TargetSpec } from './api-fuzz-kit.testing';

export { kit, type Target } from './api-fuzz-kit.testing';

const FEATURES: Record<string, Record<string, TargetSpec>> = {
  auth,
  privacy,
  notifications,
  ingest,
  'stripe-inbox': stripeInbox,
  'coach-os': coachOs,
  plans,
  'plans-adapt': plansAdapt,
  analytics,
  membership,
  'ai-coach': aiCoach,
  operator,
  'ops-pulse': opsPulse,
  comments,
  'garmin-training': garminTraining,
  library,
  activities,
  wellness,
  races,
  heatmap,
  'race-fuelling': raceFuelling,
  'maps-courses': mapsCourses,
  'social-people': socialPeople,
  'social-moderation': socialModeration,
  'social-awards': socialAwards,
  'social-posts': socialPosts,
  'map-tiles': mapTiles,
  'maps-segments': mapsSegments,
  'api-keys': apiKeys,
  mcp,
  oauth,
};

/** Every operation's target, by `METHOD path`; an operation claimed by two features is a mistake, refused here. */
export const TARGETS: Record<string, TargetSpec> = {};
for (const [feature, targets] of Object.entries(FEATURES))
  for (const [key, spec] of Object.entries(targets)) {
    if (key in TARGETS) throw new Error(`fuzz target ${key} is given twice (again by ${feature})`);
    TARGETS[key] = spec;
  }
