export { createApiKeysService, MAX_LIVE_KEYS, presentKey } from './api-keys.service';
export type { ApiKeysService, KeyOwner } from './api-keys.service';
export { DEFAULT_RATE_PER_MINUTE, looksLikeKey, rateHeaders } from './api-keys.calc';
export { ApiKey, CreateKeyInput, MAX_EXPIRY_DAYS } from './api-keys.schema';
