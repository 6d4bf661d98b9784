import type { FileProviderClient } from '../file-provider/file-provider';

/**
 * Garmin Connect's Activity API behind the file-provider port: OAuth 2.0 with PKCE, `activityFiles` pings whose
 * callback URL serves the original file once, backfill answered by pings, deregistration. Only this adapter
 * knows Garmin's wire format (garmin.wire.ts); ingest/file-doors sees the port.
 */
export interface GarminClient extends FileProviderClient {
  readonly name: 'garmin';
}

export interface GarminConfig {
  /** The consent page, https://connect.garmin.com/oauth2Confirm (the sandbox's locally). */
  authorizeUrl: string;
  /** The token endpoint, https://diauth.garmin.com/di-oauth2-service/oauth/token. */
  tokenUrl: string;
  /** The API base, https://apis.garmin.com/; files are fetched from nowhere else. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  /** Each call's deadline (PROVIDER_TIMEOUT_MS, files PROVIDER_FILE_TIMEOUT_MS, unless set; tests shorten it). */
  timeoutMs?: number;
}
