export { createSupportService } from './support.service';
export { maskEmail, maskName } from './support.mask';
