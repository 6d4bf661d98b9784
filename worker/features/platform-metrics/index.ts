export { createPlatformMetricsService } from './platform-metrics.service';
