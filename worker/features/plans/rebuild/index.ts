// "Rebuild plan?": whether real history now differs from what the active plan was made from, and the
// athlete's answer (rebuild, keeping the old plan cancelled, or dismiss this difference).
export { createRebuildService } from './rebuild.service';
export type { RebuildAdvice, RebuildService } from './rebuild.service';
