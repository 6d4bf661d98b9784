export { createPlatformMetricsService, metricsCsvRows } from './platform-metrics.service';
export type { PlatformMetrics, PlatformMetricsService } from './platform-metrics.service';
