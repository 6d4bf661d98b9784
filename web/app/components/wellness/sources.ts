// The names of wellness sources as the athlete reads them: the wellness feature's one table, so the pages and
// the patterns the engine words cannot name a source two ways.
export { wellnessSourceName as sourceName } from '../../../../worker/features/wellness/browser';
