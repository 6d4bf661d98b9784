// The client's Polar AccessLink webhook, for operators: one per deployment (Polar allows one per client).
//
//   POLAR_CLIENT_ID=… POLAR_CLIENT_SECRET=… node scripts/polar-webhook.ts show
//   … create https://<APP_ORIGIN>/webhooks/polar   (the route must already answer Polar's PING with 200)
//   … activate | deactivate | delete <id>
//
// `create` prints the signature_secret_key once (Polar never shows it again): store it with
// `wrangler secret put POLAR_WEBHOOK_SECRET --env production`. POLAR_API_URL defaults to production;
// point it at the sandbox (http://127.0.0.1:8790/polar/accesslink/) to try this locally.
import { PolarWebhookAdmin, PolarWebhookError } from '../worker/providers/polar/polar-webhooks.http.ts';

const [command, arg] = process.argv.slice(2);
const clientId = process.env.POLAR_CLIENT_ID;
const clientSecret = process.env.POLAR_CLIENT_SECRET;
if (!clientId || !clientSecret || !command) {
  console.error(
    'Usage: POLAR_CLIENT_ID=… POLAR_CLIENT_SECRET=… node scripts/polar-webhook.ts show|create <url>|activate|deactivate|delete <id>',
  );
  process.exit(2);
}
const admin = new PolarWebhookAdmin({ apiUrl: process.env.POLAR_API_URL ?? 'https://www.polaraccesslink.com/', clientId, clientSecret });

async function run(): Promise<void> {
  if (command === 'show') console.log((await admin.get()) ?? 'No webhook.');
  else if (command === 'create' && arg) {
    const created = await admin.create(arg);
    console.log(`Webhook ${created.id} → ${created.url} (${created.events.join(', ')})`);
    console.log(`signature_secret_key (shown once; set it as POLAR_WEBHOOK_SECRET): ${created.signatureSecretKey}`);
  } else if (command === 'activate' || command === 'deactivate') console.log((await admin[command]()) ? `${command}d` : 'No webhook.');
  else if (command === 'delete' && arg) {
    await admin.delete(arg);
    console.log(`Deleted ${arg}.`);
  } else {
    console.error(`Unknown command: ${command}`);
    process.exit(2);
  }
}

try {
  await run();
} catch (err) {
  if (!(err instanceof PolarWebhookError)) throw err;
  console.error(err.message);
  process.exit(1);
}
