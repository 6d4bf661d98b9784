// /api/v1/admin/moderation: the operator console's moderation queue (the moderation permission).
import { createRouter } from '../../../http/router';

export const moderationAdminRoutes = createRouter();
