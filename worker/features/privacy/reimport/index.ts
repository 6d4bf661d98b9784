// "Import a Cadence archive" (ADR 041): verification against the manifest, and the restore job.
export { createReimportService, NOT_RESTORED, REIMPORT_MAX_BYTES } from './reimport.service';
export type { ReimportReport, ReimportService, ReimportView } from './reimport.service';
export { reimportConsumer } from './reimport.consumer';
