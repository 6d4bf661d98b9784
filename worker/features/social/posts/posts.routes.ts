// /api/v1/social: posts, the feed, kudos and comments — everything another person sees through the one serializer.
import { createRouter } from '../../../http/router';

export const postsRoutes = createRouter();
