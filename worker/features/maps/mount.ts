// What only the app mounts: this feature's routers and jobs. Other features and the web use index.ts.
export { segmentsMatchJob } from './segments/matching/segment-matching.jobs';
export { tracksSyncJob } from './tracks/tracks.jobs';
export { mapTilesRoutes } from './tiles/tiles.routes';
export { coursesRoutes } from './courses/courses.routes';
export { activitySegmentEffortsRoutes, segmentsRoutes } from './segments/segments.routes';
export { heatmapRepairJob } from './heatmap/heatmap.jobs';
export { heatmapRoutes } from './heatmap/heatmap.routes';
