// The engine's Durable Object, apart from the feature's index: only worker/index.ts loads it (cloudflare:workers),
// so Node code and benches that use the wellness feature do not.
export { WellnessEngine } from './engine.do';
