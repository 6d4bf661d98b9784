// `npm run secret-scan`: fails (exit 1) if any file git tracks holds a committed secret — Stripe, Twilio,
// Anthropic, Mistral, Strava, AWS keys or a private key (rules in scripts/lib/secret-scan.ts). Prints
// file:line, the rule and a masked value with its fingerprint, never the secret. A known fake that
// matches is excused by one entry (exact path + rule + fingerprint + reason) in
// scripts/secret-scan.allowlist.json. CI runs scripts/secret-scan-self-test.ts first.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadAllowlist, scanRepo } from './lib/secret-scan.ts';

// --root and --allowlist exist for the self-test, which runs this script against a planted repository.
const { values: args } = parseArgs({ options: { root: { type: 'string' }, allowlist: { type: 'string' } } });
const root = args.root ?? fileURLToPath(new URL('..', import.meta.url));
const allowlistFile = args.allowlist ?? fileURLToPath(new URL('./secret-scan.allowlist.json', import.meta.url));

const started = performance.now();
let allowlist: ReturnType<typeof loadAllowlist>;
try {
  allowlist = loadAllowlist(allowlistFile);
} catch (err) {
  console.error(`secret-scan: bad allowlist: ${(err as Error).message}`);
  process.exit(2);
}
const result = scanRepo(root, allowlist);
const ms = Math.round(performance.now() - started);

for (const f of result.findings) {
  console.error(`${f.path}:${f.line}: ${f.rule}: ${f.masked} [${f.fingerprint}]`);
}
for (const t of result.tooLarge) {
  // Not silently: an unscanned text file is a hole in the check.
  console.warn(`secret-scan: not scanned (${(t.bytes / 1024 / 1024).toFixed(1)} MB, over the limit): ${t.path}`);
}
for (const e of result.unusedAllow) {
  console.warn(`secret-scan: allowlist entry matched nothing, remove it: ${e.path} ${e.rule} ${e.fingerprint}`);
}
const summary = `${result.scanned} text files scanned, ${result.binary} binary skipped, ${result.allowed.length} allowlisted, ${ms} ms`;
if (result.findings.length > 0) {
  console.error(`secret-scan: ${result.findings.length} finding(s) (${summary}).`);
  console.error('Remove the secret (and rotate it: it is in git history). If it is a deliberate fake, add an entry with');
  console.error('its path, rule, fingerprint and a reason to scripts/secret-scan.allowlist.json.');
  process.exit(1);
}
console.log(`secret-scan: no secrets (${summary}).`);
