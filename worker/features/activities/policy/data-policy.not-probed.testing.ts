// The routes with a data use that data-policy.matrix.test.ts does not probe, each with why (another test covers its read, or it is a write),
// and those outside the OpenAPI document with where they are read (/mcp: data-policy.mcp.test.ts).

/** Routes with a data use not probed here, and why (each is a read another test covers, or a write). */
const SOCIAL_POSTS =
  'posts refuse a source the social use forbids and the serializer drops one at read time (social/posts/posts.api.test.ts: a Strava API activity never reaches another account)';
/** The people routes name people (the serializer's SocialPerson) and follow states: no activity data at all. */
const PEOPLE = 'people as the serializer shows them and the follow state; no activity data (social/people/*.test.ts)';
/** The athlete's race mark: place and field on their own activity, which the racing awards read (ADR 084). */
const RACE = 'the owner’s race mark (place, field) on their own activity; no activity data answered (social/awards/races.api.test.ts)';
/** A race's result: the owner's own activities to mark; the splits from analytics' activityStreams under `analytics`. */
const RACE_RESULT =
  'the owner’s own runs to mark and the finish of the one marked; splits and heart rate through analytics’ activityStreams asked for the `analytics` use (probed through its own route); a result whose source the `analytics` use refuses feeds no prediction (races/result/past.ts)';
/** The heatmap: the owner's own routes of every source (the `owner` use is on for each in both modes), never another's. */
const HEATMAP =
  'the signed-in athlete’s own tracks only, every source allowed the `owner` use in both modes; no activity names answered (maps/heatmap/heatmap.api.test.ts: another athlete’s session draws only theirs)';
/** Courses (ADR 101): the owner's own activity's track, read once to make a course; its terms checked there. */
const COURSES =
  'the owner’s own activity (activityGps, owner-scoped) read to make the course; a Strava API source refused when its raw data has a shorter life (strict) and never sent to Garmin (maps/courses/courses.api.test.ts)';
/** Segments (ADR 102): the viewer's own segments and efforts, every source shown to its owner under the `owner` use. */
const SEGMENTS_OWN = 'the viewer’s own segments and their own efforts only (maps/segments/segments.api.test.ts: another’s are a 404)';
/** Adaptive plans (issue 58): the pass reads the training calendar under `analytics`, or `coach` when a coach decides. */
const ADAPT =
  'the changes the plan proposed from the training calendar read under `analytics` (probed through GET /api/v1/calendar), or under `coach` when a coach decides, so a Strava API activity never sets off a change a coach lists (plans/adapt/adapt.coach.test.ts); answers reasons and workout names, no activity data';
export const NOT_PROBED: Record<string, string> = {
  'GET /api/v1/plans/{planId}/adaptations': ADAPT,
  'POST /api/v1/plans/{planId}/race-date': ADAPT,
  'POST /api/v1/plans/{planId}/health-notes': ADAPT,
  'POST /api/v1/plans/{planId}/health-notes/{noteId}/end': ADAPT,
  'GET /api/v1/coach/clients/{id}/plan/adaptations': ADAPT,
  'POST /api/v1/courses/from-activity': COURSES,
  'POST /api/v1/courses/{id}/garmin': COURSES,
  'POST /api/v1/segments': 'cut from the caller’s own activity’s track (another’s is a 404); answers the caller’s own segment',
  'GET /api/v1/segments': SEGMENTS_OWN,
  'GET /api/v1/segments/{id}': SEGMENTS_OWN,
  'GET /api/v1/activities/{id}/segment-efforts': SEGMENTS_OWN,
  'GET /api/v1/segments/{id}/board':
    'efforts judged by the stored judgments under the `social` use: a Strava API effort never reaches another’s board, its owner told why (maps/segments/board.api.test.ts)',
  'GET /api/v1/maps/heatmap/summary': HEATMAP,
  'GET /api/v1/maps/heatmap/{z}/{x}/{y}': HEATMAP,
  'GET /api/v1/races/{id}/prediction':
    'analytics’ runBestsBetween, models and weeks asked for the `analytics` use, each probed above through its own route; races.api.test.ts: a Strava API best leaves the prediction in strict mode',
  'GET /api/v1/races/{id}/card':
    'the race’s prediction read through GET …/prediction’s service (the `analytics` use, said there) and the plan’s own workouts; no activity rows answered',
  'GET /api/v1/races/{id}/card.pdf': 'the card above as a PDF',
  'GET /api/v1/races/{id}/fuelling':
    'the race’s prediction (GET /api/v1/races/{id}/prediction, its analytics reads) and the athlete’s own sweat tests and gut-training log; no activity data answered',
  'GET /api/v1/races/{id}/triathlon':
    'analytics’ thresholdsOn and sessionsBetween asked for the `analytics` use; races/triathlon/triathlon.api.test.ts: a Strava API long ride leaves the plan in strict mode',
  'GET /api/v1/races/{id}/pacing':
    'the prediction (above) and analytics’ run model, asked for the `analytics` use and probed through its own route; the course is the athlete’s own upload',
  'GET /api/v1/races/{id}/result': RACE_RESULT,
  'PUT /api/v1/races/{id}/result': RACE_RESULT,
  'GET /api/v1/social/follows/requests': PEOPLE,
  'GET /api/v1/social/following': PEOPLE,
  'GET /api/v1/social/followers': PEOPLE,
  'GET /api/v1/social/blocks': PEOPLE,
  'GET /api/v1/social/mutes': PEOPLE,
  'GET /api/v1/social/people': PEOPLE,
  'GET /api/v1/social/people/{userId}': PEOPLE,
  'GET /api/v1/social/public/people/{userId}': PEOPLE,
  'GET /api/v1/social/achievements':
    'the owner’s own awards: judgeActivities under the owner’s policy (social/awards/achievements.api.test.ts)',
  'GET /api/v1/social/people/{userId}/achievements':
    'only awards also earned without a source whose social use is off, on those receipts (achievements.api.test.ts: Strava-only awards stay hidden)',
  'GET /api/v1/social/leaderboards':
    'board weeks built by judgeActivities under the social policy: a Strava API activity never counts (leaderboards.api.test.ts)',
  'POST /api/v1/social/leaderboards/reviews': 'a review request on the owner’s own activity; no activity data answered',
  'GET /api/v1/social/activities/{activityId}/race': RACE,
  'PUT /api/v1/social/activities/{activityId}/race': RACE,
  'DELETE /api/v1/social/activities/{activityId}/race': RACE,
  'GET /api/v1/social/activities/{activityId}/composer': SOCIAL_POSTS,
  'POST /api/v1/social/posts': SOCIAL_POSTS,
  'GET /api/v1/social/posts/{id}': SOCIAL_POSTS,
  'PATCH /api/v1/social/posts/{id}': SOCIAL_POSTS,
  'GET /api/v1/social/feed': SOCIAL_POSTS,
  'GET /api/v1/social/posts/{id}/kudos': SOCIAL_POSTS,
  'PUT /api/v1/social/posts/{id}/kudos': SOCIAL_POSTS,
  'DELETE /api/v1/social/posts/{id}/kudos': SOCIAL_POSTS,
  'GET /api/v1/social/posts/{id}/comments': SOCIAL_POSTS,
  'POST /api/v1/social/posts/{id}/comments': SOCIAL_POSTS,
  'GET /api/v1/activities/{id}/streams/range': 'the same readable() gate as /streams, which is probed',
  'POST /api/v1/activities/{id}/split': 'a write on the owner’s own duplicate group',
  'POST /api/v1/activities/bulk': 'a write on the owner’s own rows, through the same owner sources as /search (probed)',
  'POST /api/v1/activities/bulk/{editId}/undo': 'puts back what a bulk edit changed on the owner’s own rows',
  'PATCH /api/v1/activities/{id}/notes': 'a write; the owner’s read of the same row is probed',
  'GET /api/v1/analytics/personal-bests': 'needs recorded best efforts; the sources come from the same sourcesFor as weekly-volume',
  'GET /api/v1/analytics/age-grades': 'as personal-bests',
  'GET /api/v1/analytics/efficiency': 'needs heart-rate streams; the same sourcesFor as weekly-volume',
  'GET /api/v1/analytics/curves':
    'needs streams; the same sourcesFor as weekly-volume, and curves.store.test holds a Strava point out of strict analytics',
  'GET /api/v1/analytics/models': 'the curves read of the last 90 days (see curves)',
  'GET /api/v1/coach/clients/{id}/curves':
    'needs streams; client-curves.test holds a Strava ride with the best 5 minutes out of the coach’s curve, and says so',
  'GET /api/v1/coach/clients/{id}/models': 'the coach’s curves read of the last 90 days (client-curves.test)',
  'GET /api/v1/activities/tombstones': 'the owner’s own tombstones: a provider and its id, no activity data',
  'POST /api/v1/activities/tombstones/bring-back': 'removes one of the owner’s own tombstones',
  'GET /api/v1/analytics/trends/zones':
    'needs streams and a threshold; the same sourcesFor as weekly-volume, and trends.api.test holds a Strava run out of strict analytics',
  'GET /api/v1/analytics/trends/efficiency': 'the efficiency points (see efficiency) grouped by month',
  'GET /api/v1/analytics/activities/{id}/curve':
    'the activity’s own curve is the owner’s view of it (every source, like /streams); the season beside it only where analytics may combine the source (activity-curve.api.test, strict mode)',
  'GET /api/v1/analytics/activities/{id}/w-balance':
    'the owner’s activity, with a model only where analytics may combine its source (activity-curve.api.test); the model reads the curves sources (see curves)',
  'GET /api/v1/wellness/days': 'wellness readings (check-ins and device days), not activities; the owner’s only',
  'PUT /api/v1/wellness/days/{day}/check-in': 'a write of the owner’s own check-in',
  'GET /api/v1/wellness/readiness': 'HRV and resting HR readings, not activities',
  'GET /api/v1/wellness/findings':
    'the N=1 engine: its training facts through analytics’ engineFacts with the same sourcesFor(analytics) as weekly-volume (probed), its wellness through wellnessSourcesFor(analytics)',
  'GET /api/v1/wellness/findings/{key}':
    'one question of the same engine state as /findings (its receipts are the analytics reads’ activities)',
  'GET /api/v1/wellness/why': 'the engine’s inputs through the same reader as /findings, and its findings for the chart',
  'GET /api/v1/coach/clients/{id}/wellness':
    'wellness readings only, no activity data, and only on the athlete’s second consent (client-wellness.test)',
  'GET /api/v1/analytics/models/history': 'the curves and facts of the same sourcesFor as curves, every week (see curves)',
  'GET /api/v1/analytics/insights': 'built from the probed fitness, volume and bests reads',
  'GET /api/v1/analytics/thresholds': 'thresholds, not activities; estimates come from analytics reads',
  'GET /api/v1/intake': 'a summary from fitness and weekly volume (probed) and plan-fitness longestSince',
  'POST /api/v1/plans/preview': 'plan generation inputs from fitness and weekly volume (probed)',
  'POST /api/v1/plans': 'as preview',
  'POST /api/v1/plans/{planId}/rebuild': 'as preview',
  'GET /api/v1/plans/{planId}/calendar':
    'matches only, no activity shown; read like /calendar (probed): every mode’s sources, the mode’s kept (plan-calendar.service.test)',
  'GET /api/v1/coach/clients/{id}/plan': 'the client plan’s workouts; its matches as /clients/{id}/calendar (probed)',
  'GET /api/v1/coach/clients/{id}/plan/workout-thresholds':
    'thresholds, not activities: estimates only from sources a coach may see (thresholdsSeenBy); client-thresholds.api.test keeps a Strava estimate out',
  'GET /api/v1/coach/clients/{id}/plan/calendar': 'as /clients/{id}/calendar (probed)',
  'GET /api/v1/comments/activities/{id}':
    'the athlete’s own threads on their own activity: every source answers, with the reason a coach cannot see it (comments.api.test)',
  'POST /api/v1/coach/clients/{id}/activities/{activityId}/comments': 'the same subject check as the thread (probed)',
  'GET /api/v1/coach/clients/{id}/activities/{activityId}/streams/range':
    'the same readable() gate as the coach’s activity read (probed), then the streams service with the coach use',
  'POST /api/v1/coach/clients/{id}/activities/{activityId}/comments/read': 'the same subject check as the thread (probed)',
  'GET /api/v1/ingestion': 'counts for the Data sources page (owner: every source in both modes)',
  'GET /api/v1/imports': 'the athlete’s own upload jobs',
  'GET /api/v1/imports/{id}': 'one upload job',
  'GET /api/v1/connections/{provider}': 'a live door’s connection state and the uses its source row allows',
  'GET /api/v1/ai-coach/conversations/{id}/stream': 'replays the turn the messages route ran (probed)',
  'POST /api/v1/ai-coach/conversations/{id}/stop': 'stops a turn',
  'POST /api/v1/ai-coach/messages/{id}/retry': 'runs the same turn as messages (probed)',
  'GET /api/v1/ai-coach/conversations/{id}': 'the stored answers of probed turns',
  'POST /api/v1/ai-coach/conversations': 'creates an empty conversation',
  'GET /api/v1/ai-coach/proposals/{id}': 'a proposal the coach made in a probed turn',
  'POST /api/v1/ai-coach/proposals/{id}/confirm': 'applies a proposal (workout control)',
  'POST /api/v1/ai-coach/proposals/{id}/reject': 'a write',
  'POST /api/v1/admin/athletes/{athleteId}/coach-proposals/{id}/confirm': 'an operator applying a proposal',
  'GET /api/v1/privacy/exports/{id}/download':
    'the athlete’s own archive: every row held about them, Strava’s marked by source, in both modes (the right of access; export.test reads it)',
};

/** Routes with a data use that the OpenAPI document cannot list (plain router routes), so not the matrix's: where each is read. */
export const OUTSIDE_THE_DOCUMENT: Record<string, string> = {
  'POST /mcp':
    'every tool the MCP server lists, in both modes, for an athlete with Strava API activities beside uploads: data-policy.mcp.test.ts',
  'GET /mcp': 'the stateless MCP endpoint answers 405 with no data (mcp.api.test.ts); its tools are probed through POST /mcp',
  'DELETE /mcp': 'the stateless MCP endpoint answers 405 with no data (mcp.api.test.ts); its tools are probed through POST /mcp',
  'POST /api/v1/coach/mcp':
    'a coach’s assistant reads each client through the same tools with the `ai` use, every source of which a coach may see too (coach-mcp.policy.test.ts); the athlete tools are probed through POST /mcp',
  'GET /api/v1/coach/mcp': 'the stateless endpoint answers 405 with no data (the coach tenancy matrix)',
  'DELETE /api/v1/coach/mcp': 'the stateless endpoint answers 405 with no data (the coach tenancy matrix)',
  'GET /api/v1/exports/activities.csv':
    'the athlete’s own rows under the `owner` use (every source in both modes, as GET /api/v1/activities, probed); analytics.api.test.ts: another athlete’s export is empty',
  'GET /api/v1/exports/fitness.csv': 'the fitness read of GET /api/v1/analytics/fitness (the `analytics` use, probed), as CSV',
};
