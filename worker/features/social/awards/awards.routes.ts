// /api/v1/social: achievements and weekly leaderboards.
import { createRouter } from '../../../http/router';

export const awardsRoutes = createRouter();
