// `npm run secret-scan:self-test`: proves the scanner still catches what it claims to, before CI trusts
// its verdict on the tree. Every planted sample is assembled at run time from pieces and random bodies,
// so this file never holds a literal secret (and the real scan does not flag it). Checks, per rule, that
// a planted value is found on its line and printed masked; that the repository's own fakes and other
// look-alikes are not flagged; and, end to end on a throwaway git repository through the real CLI,
// that binary files are skipped, oversize ones reported, untracked ones ignored, the allowlist excuses
// exactly one value in one file, the exit code is 1 and no output contains a secret.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprint, RULES, scanText, scanFile } from './lib/secret-scan.ts';

const started = performance.now();
let checks = 0;
function check(name: string, fn: () => void): void {
  try {
    fn();
    checks++;
  } catch (err) {
    console.error(`secret-scan self-test FAILED: ${name}\n${(err as Error).message}`);
    process.exit(1);
  }
}

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64 = `${ALNUM}+/`;
function rand(alphabet: string, n: number): string {
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}
// Pieces joined at run time: the prefixes never appear next to a body in this file.
const j = (...parts: string[]): string => parts.join('');
const pemLabel = (kind: string): string => j('-----', kind, ' ', 'PRIVATE', ' KEY-----');

interface Sample {
  rule: string;
  /** The secret the rule must report (what `fingerprint` hashes). */
  secret: string;
  /** A line of a realistic file holding it. */
  text: string;
}

function samples(): Sample[] {
  const s = (rule: string, secret: string, text: (v: string) => string): Sample => ({ rule, secret, text: text(secret) });
  const pemBody = Array.from({ length: 4 }, () => rand(B64, 64));
  const rsa = pemBody.join('\n');
  return [
    s('stripe-secret-key', j('sk', '_live_', rand(ALNUM, 99)), (v) => `STRIPE_SECRET_KEY=${v}`),
    s('stripe-secret-key', j('sk', '_test_', rand(ALNUM, 20)), (v) => `const stripe = new Stripe('${v}');`),
    s('stripe-restricted-key', j('rk', '_live_', rand(ALNUM, 40)), (v) => `STRIPE_KEY = "${v}"`),
    s('stripe-restricted-key', j('rk', '_test_', rand(ALNUM, 24)), (v) => `key: ${v}`),
    s('stripe-webhook-secret', j('wh', 'sec_', rand(ALNUM, 32)), (v) => `STRIPE_WEBHOOK_SECRET = "${v}"`),
    s('stripe-webhook-secret', j('wh', 'sec_', rand(B64, 24)), (v) => `signingSecret: '${v}',`),
    s('twilio-account-sid', j('A', 'C', rand(HEX, 32)), (v) => `TWILIO_ACCOUNT_SID=${v}`),
    s('twilio-api-key', j('S', 'K', rand(HEX, 32)), (v) => `const apiKey = '${v}';`),
    s('twilio-auth-token', rand(HEX, 32), (v) => `TWILIO_AUTH_TOKEN="${v}"`),
    s('twilio-auth-token', rand(HEX, 32), (v) => `  authToken: '${v}',`),
    s('twilio-auth-token', rand(HEX, 32), (v) => `twilio_api_secret: ${v}`),
    s('anthropic-api-key', j('sk', '-ant-', 'api03-', rand(`${ALNUM}_-`, 93), 'AA'), (v) => `ANTHROPIC_API_KEY=${v}`),
    s('mistral-api-key', rand(ALNUM, 32), (v) => `MISTRAL_API_KEY=${v}`),
    s('mistral-api-key', rand(ALNUM, 32), (v) => `  "mistralKey": "${v}",`),
    s('strava-secret', rand(HEX, 40), (v) => `STRAVA_CLIENT_SECRET = "${v}"`),
    s('strava-secret', rand(HEX, 40), (v) => `{"token_type":"Bearer","access_token":"${v}"}`),
    s('strava-secret', rand(HEX, 40), (v) => `  refreshToken: '${v}',`),
    s('aws-access-key-id', j('AK', 'IA', rand(UPPER_ALNUM, 16)), (v) => `aws_access_key_id = ${v}`),
    s('aws-secret-access-key', rand(B64, 40), (v) => `aws_secret_access_key = ${v}`),
    s('private-key', pemBody[0]!, () => `${pemLabel('BEGIN RSA')}\n${rsa}\n${pemLabel('END RSA')}`),
    s('private-key', pemBody[0]!, () => `"key": "${pemLabel('BEGIN')}\\n${pemBody.join('\\n')}\\n${pemLabel('END')}\\n"`),
    s('private-key', pemBody[0]!, () => `${pemLabel('BEGIN OPENSSH')}\n${rsa}\n${pemLabel('END OPENSSH')}`),
    s(
      'private-key',
      pemBody[0]!,
      () =>
        `${pemLabel('BEGIN EC')}\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${rand(HEX, 32).toUpperCase()}\n\n${rsa}\n${pemLabel('END EC')}`,
    ),
  ];
}

// Look-alikes that must stay clean: the repository's own sandbox fakes and test secrets, git commits and
// digests in the corpus, names of keys in code and docs.
const CLEAN = [
  j('STRIPE_SECRET_KEY = "sk', '_test_', 'sandbox"'),
  j('STRIPE_WEBHOOK_SECRET = "wh', 'sec_', 'sandbox_dev_only"'),
  j("{ secret: 'wh", 'sec_', "not_ours' }"),
  j('sk', '_live_', 'x'.repeat(19)),
  j('the sandbox accepts test-mode secret keys (sk', '_test_…) only'),
  'TWILIO_AUTH_TOKEN = "sandbox-twilio-auth-token-dev-only"',
  j('TWILIO_MESSAGING_SERVICE_SID = "M', 'G', 'c0ffee', '0'.repeat(26), '"'),
  j('hash = A', 'C', rand(HEX, 32).toUpperCase()),
  j('A', 'C', rand(HEX, 31)),
  j('A', 'C', rand(HEX, 40)),
  'STRAVA_CLIENT_SECRET = "sandbox-secret"',
  'STRAVA_WEBHOOK_VERIFY_TOKEN = "sandbox-verify-token"',
  `| \`run.gpx\` | [mapbox/togeojson](https://github.com/mapbox/togeojson) | \`${rand(HEX, 40)}\` | \`test/data/run.gpx\` |`,
  `"sha256": "${rand(HEX, 64)}",`,
  `access_token = ${rand(HEX, 64)}`,
  `"integrity": "sha512-${rand(B64, 86)}==",`,
  'MISTRAL_API_KEY=${{ secrets.MISTRAL_API_KEY }}',
  'TOKEN_ENCRYPTION_KEY=ZGV2LW9ubHktdG9rZW4tZW5jcnlwdGlvbi1rZXktMzI=',
  j("if (!pem.startsWith('", pemLabel('BEGIN'), "')) throw new Error('not a PKCS#8 key');"),
  j('-----BEGIN PUBLIC', ' KEY-----\n', rand(B64, 64), '\n-----END PUBLIC KEY-----'),
  j('ak', 'ia', rand(UPPER_ALNUM, 16).toLowerCase()),
  j('sk', '-ant-…'),
].join('\n');

const all = samples();

check('every rule has at least one planted sample', () => {
  const covered = new Set(all.map((x) => x.rule));
  assert.deepEqual(
    RULES.map((r) => r.id).filter((id) => !covered.has(id)),
    [],
  );
});

for (const [i, x] of all.entries()) {
  check(`sample ${i} (${x.rule}) is found, on its line, masked`, () => {
    const text = `# line 1\n\n${x.text}\n# after\n`;
    const found = scanText(text, 'planted.txt');
    assert.equal(found.length, 1, `expected exactly one finding, got ${JSON.stringify(found.map((f) => f.rule))}`);
    const [f] = found;
    assert.equal(f!.rule, x.rule);
    assert.equal(f!.line, 3);
    assert.equal(f!.fingerprint, fingerprint(x.secret));
    assert.ok(!f!.masked.includes(x.secret.slice(8)), 'masked value shows the secret');
  });
}

check('clean look-alikes are not flagged', () => {
  assert.deepEqual(
    scanText(CLEAN, 'clean.txt').map((f) => `${f.line}: ${f.rule}`),
    [],
  );
});

check('samples mid-file keep their own line numbers', () => {
  const text = all.map((x) => `${x.text}\n${CLEAN.split('\n')[0]}`).join('\n');
  const found = scanText(text, 'mixed.txt');
  assert.equal(found.length, all.length);
});

// End to end: a throwaway repository through the real CLI.
const dir = mkdtempSync(join(tmpdir(), 'secret-scan-self-test-'));
try {
  const git = (...args: string[]): void =>
    void execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  const [stripe, sid, strava, pem] = [all[0]!, all[6]!, all[14]!, all[19]!];
  writeFileSync(join(dir, 'config.toml'), `[vars]\nA = 1\n${stripe.text}\n`);
  writeFileSync(join(dir, 'fixture.ts'), `export const x = 1;\n${sid.text}\n`);
  writeFileSync(join(dir, 'copy.ts'), `${sid.text}\n`);
  writeFileSync(join(dir, 'key.pem'), `${pem.text}\n`);
  writeFileSync(join(dir, 'activity.fit'), Buffer.concat([Buffer.from([14, 16, 0, 0]), Buffer.from(`${strava.text}\n`)]));
  writeFileSync(join(dir, 'big.tcx'), `<x>\n${'y'.repeat(2048)}\n${strava.text}\n</x>\n`);
  writeFileSync(join(dir, 'untracked.env'), `${stripe.text}\n`);
  const allowlist = join(dir, 'allow.json');
  writeFileSync(
    allowlist,
    JSON.stringify({
      entries: [
        { path: 'fixture.ts', rule: 'twilio-account-sid', fingerprint: fingerprint(sid.secret), reason: 'self-test: a deliberate fixture' },
        { path: 'gone.ts', rule: 'twilio-account-sid', fingerprint: fingerprint(sid.secret), reason: 'self-test: matches nothing' },
      ],
    }),
  );
  git('add', 'config.toml', 'fixture.ts', 'copy.ts', 'key.pem', 'activity.fit', 'big.tcx', 'allow.json');

  check('scanFile skips binary content and reports oversize text', () => {
    assert.equal(scanFile(dir, 'activity.fit').kind, 'binary');
    assert.equal(scanFile(dir, 'big.tcx', 1024).kind, 'too-large');
    assert.equal(scanFile(dir, 'no-such-file').kind, 'absent');
  });

  const cli = fileURLToPath(new URL('./secret-scan.ts', import.meta.url));
  const run = spawnSync(process.execPath, [cli, '--root', dir, '--allowlist', allowlist], { encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;

  check('the CLI exits 1 and reports file:line and rule for each finding', () => {
    assert.equal(run.status, 1, output);
    assert.match(output, /^config\.toml:3: stripe-secret-key: sk_live_\*{4}/m);
    assert.match(output, /^copy\.ts:1: twilio-account-sid: AC\*{4}/m);
    assert.match(output, /^key\.pem:1: private-key: /m);
    assert.match(output, /^big\.tcx:3: strava-secret: /m);
  });
  check('the allowlist excuses one value in one exact file, and flags an unused entry', () => {
    assert.doesNotMatch(output, /^fixture\.ts:/m);
    assert.match(output, /allowlist entry matched nothing.*gone\.ts/);
  });
  check('binary and untracked files are not reported', () => {
    assert.doesNotMatch(output, /activity\.fit|untracked\.env/);
  });
  check('no output contains a secret', () => {
    for (const x of all) assert.ok(!output.includes(x.secret), `output leaks the ${x.rule} sample`);
  });

  check('a directory or glob in the allowlist is refused', () => {
    writeFileSync(
      allowlist,
      JSON.stringify({ entries: [{ path: 'fixtures/', rule: 'private-key', fingerprint: fingerprint('x'), reason: 'a blanket skip' }] }),
    );
    const bad = spawnSync(process.execPath, [cli, '--root', dir, '--allowlist', allowlist], { encoding: 'utf8' });
    assert.equal(bad.status, 2, `${bad.stdout}${bad.stderr}`);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `secret-scan self-test: ${checks} checks passed, ${all.length} planted samples over ${RULES.length} rules (${Math.round(performance.now() - started)} ms).`,
);
