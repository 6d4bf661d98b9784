// /api/v1/social: reports and appeals (the athlete's side of moderation).
import { createRouter } from '../../../http/router';

export const moderationRoutes = createRouter();
