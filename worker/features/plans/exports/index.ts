// The plan outside Cadence: serializers (ICS, FIT, Zwift .zwo, PDF) over plain export types, and the
// service and routes that serve them (the secret calendar feed, the Pro downloads).
export { icsFeed } from './ics';
export { stepsText } from './workout-text';
export { fitWorkout } from './fit-workout';
export { zwiftWorkout } from './zwo';
export { planPdf } from './plan-pdf';
export { MARGIN as PDF_MARGIN, PAGE as PDF_PAGE, PageBuilder, pdfDocument } from './pdf-document';
export { winAnsiBytes, wrapBytes } from './pdf-text';
export { ExportUnsupportedError } from './export.types';
export type { ExportPlan, ExportWorkout } from './export.types';
export { createPlanExportsService } from './plans-exports.service';
export type { PlanExportsService } from './plans-exports.service';
