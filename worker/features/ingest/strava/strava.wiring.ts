// Strava's services for worker/wiring/: connections (OAuth, tokens), sign-up with Strava, the ingest jobs
// and the shared provider budget, wired together once per request, batch or tick.
import type { Db } from '../../../db/client';
import type { Env } from '../../../env';
import type { Clock } from '../../../lib/clock';
import { createSecretBox } from '../../../lib/secret-box';
import type { StravaClient } from '../../../providers/strava/strava';
import type { ActivitiesService } from '../../activities';
import type { AuditService } from '../../audit';
import type { AuthService } from '../../auth';
import type { InvitesService } from '../../invites';
import type { Notifier } from '../../notifications';
import type { Logger } from '../../../lib/logger';
import type { IngestionService } from '../ingestion.service';
import { createStravaConnections } from './strava.connection';
import { createStravaJobs } from './strava.jobs';
import { createStravaSignup } from './strava.signup';

export function createStrava(
  env: Env,
  deps: {
    db: Db;
    clock: Clock;
    strava: StravaClient;
    audit: AuditService;
    activities: ActivitiesService;
    ingestion: IngestionService;
    invites: InvitesService;
    auth: Pick<AuthService, 'createExternalAccount' | 'signInExternal'>;
    notifications: Notifier;
    logger: Logger;
  },
) {
  const { db, clock, strava } = deps;
  const oauth = { stateSecret: env.OAUTH_STATE_SECRET, appOrigin: env.APP_ORIGIN };
  const box = createSecretBox(env.TOKEN_ENCRYPTION_KEY);
  const connections = createStravaConnections({
    db,
    clock,
    strava,
    box,
    ...oauth,
    audit: deps.audit,
    activities: deps.activities,
    ingestion: deps.ingestion,
    notifications: deps.notifications,
    logger: deps.logger,
    athleteLimit: env.STRAVA_ATHLETE_LIMIT ?? null,
  });
  const budget = env.PROVIDER_BUDGET.get(env.PROVIDER_BUDGET.idFromName('strava'));
  return {
    connections,
    signup: createStravaSignup({ db, clock, strava, ...oauth, invites: deps.invites, auth: deps.auth, connections }),
    jobs: createStravaJobs({
      strava,
      connections,
      budget,
      activities: deps.activities,
      ingestion: deps.ingestion,
      db,
      clock,
    }),
    budget,
  };
}
