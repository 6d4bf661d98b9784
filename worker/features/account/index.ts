export { createAccountService } from './account.service';
export { UpdateProfileInput } from './account.schema';
