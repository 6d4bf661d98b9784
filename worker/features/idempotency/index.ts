// Idempotency keys (ADR 080): a route that a client may send again (an offline queue replaying) adds
// `idempotent()` to its middleware.
export { IDEMPOTENCY_HEADER, STALE_CLAIM_MS, idempotent } from './idempotency.middleware';
