// What only the app mounts: this feature's routers and jobs. Other features and the web use index.ts.
export { tracksSyncJob } from './tracks/tracks.jobs';
export { activitySegmentEffortsRoutes, segmentsRoutes } from './segments/segments.routes';
