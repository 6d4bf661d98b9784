// "Download my data" (ADR 041): the export job, its routes and the archive's pieces.
export { createExportService, EXPORT_SLICE_MS, EXPORT_TTL_MS, archiveKey } from './export.service';
export type { ExportService, ExportView } from './export.service';
export { exportConsumer } from './export.consumer';
export { digestStreamHasher } from './hasher';
export { ARCHIVE_FORMAT, FORMAT_VERSION, MANIFEST_NAME, Manifest } from './manifest';
