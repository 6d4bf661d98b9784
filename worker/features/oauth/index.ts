export { createOAuthService, grantedScopes } from './oauth.service';
export type { ConsentStep, OAuthService } from './oauth.service';
export { ASSISTANT_SCOPES, BASE_SCOPE, RESOURCE_METADATA_PATH, issuerOf } from './oauth.config';
export type { AssistantScope } from './oauth.config';
export { ConsentForm } from './oauth.schema';
