// The athlete's data rights (README): the data map, and export / re-import.
export { DATA_MAP, PERSONAL_TABLES } from './data-map';
export { createExportService, EXPORT_SLICE_MS, digestStreamHasher, exportConsumer, exportRoutes } from './export';
export type { ExportService, ExportView } from './export';
export { createReimportService, reimportConsumer, reimportRoutes } from './reimport';
export type { ReimportReport, ReimportService, ReimportView } from './reimport';
