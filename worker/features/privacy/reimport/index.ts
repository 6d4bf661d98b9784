// "Import a Cadence archive" (ADR 041): verification against the manifest, and the restore job.
export { createReimportService, NOT_RESTORED } from './reimport.service';
export { REIMPORT_MAX_BYTES } from './archive';
export type { ReimportReport, ReimportService, ReimportView } from './reimport.service';
export { reimportConsumer } from './reimport.consumer';
