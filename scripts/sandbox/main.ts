// Runs the provider sandbox on its own: `node scripts/sandbox/main.ts` (SANDBOX_PORT, default 8790; the push
// service's TLS port SANDBOX_PUSH_PORT, default 8791).
import { startSandbox } from './server.ts';

const port = Number(process.env.SANDBOX_PORT ?? 8790);
const pushPort = Number(process.env.SANDBOX_PUSH_PORT ?? 8791);
const sandbox = await startSandbox({ port, pushPort, log: (line) => console.log(`[sandbox] ${line}`) });
console.log(`Provider sandbox on ${sandbox.url}`);
console.log(`  Email API base (EMAIL_API_URL): ${sandbox.url}/email/`);
console.log(`  Email outbox:                   ${sandbox.url}/email/outbox`);
console.log(`  Strava API base:                ${sandbox.url}/strava/api/v3/`);
console.log(`  Strava OAuth base:              ${sandbox.url}/strava/oauth/`);
console.log(`  Strava dashboard:               ${sandbox.url}/strava/`);
console.log(`  Garmin Connect dashboard:       ${sandbox.url}/garmin/`);
console.log(`  Polar AccessLink base:          ${sandbox.url}/polar/accesslink/`);
console.log(`  Polar authorization URL:        ${sandbox.url}/polar/flow/oauth2/authorization`);
console.log(`  Polar token URL:                ${sandbox.url}/polar/remote/v2/oauth2/token`);
console.log(`  Polar dashboard:                ${sandbox.url}/polar/`);
console.log(`  Web Push service (TLS):         ${sandbox.push.origin}/push/<subscription>`);
console.log(`  Web Push subscriptions:         POST ${sandbox.url}/push/subscriptions`);
console.log(`  Web Push outbox:                ${sandbox.url}/push/outbox`);
console.log(`  Web Push CA (SSL_CERT_FILE):    ${sandbox.push.caFile}`);

const shutdown = () => {
  sandbox.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
