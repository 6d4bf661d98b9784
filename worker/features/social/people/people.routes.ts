// /api/v1/social: settings, privacy zones, follows and requests, blocks, mutes, the directory and profiles.
import { createRouter } from '../../../http/router';

export const peopleRoutes = createRouter();
