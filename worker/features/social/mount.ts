// What only the app mounts: this feature's routers. Other features and the web use index.ts.
export { awardsRoutes } from './awards/awards.routes';
export { moderationAdminRoutes } from './moderation/moderation-admin.routes';
export { moderationRoutes } from './moderation/moderation.routes';
export { peopleRoutes } from './people/people.routes';
export { postsRoutes } from './posts/posts.routes';
export { reviewsAdminRoutes } from './awards/reviews-admin.routes';
export { awardsReevaluateJob, leaderboardsCloseJob } from './awards/awards.jobs';
