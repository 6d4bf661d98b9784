// The secret scanner behind `npm run secret-scan` (scripts/secret-scan.ts) and its self-test
// (scripts/secret-scan-self-test.ts). Rules are deliberately narrow — a provider's real key shape, or a
// value of the right shape assigned to a name that says what it is — so the sandbox's fake credentials
// (`sk_test_sandbox`, `whsec_sandbox_dev_only`, `sandbox-secret`) never match, and the few fixtures
// that do are listed one by one, with a reason, in scripts/secret-scan.allowlist.json.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, openSync, readFileSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export interface Rule {
  id: string;
  description: string;
  /** Global regex with a named group `secret`: the part that is secret. */
  pattern: RegExp;
  /** How many leading characters of `secret` are a public prefix (`sk_live_`, `AC`) and may be printed. */
  keep: number;
}

export interface Finding {
  path: string;
  line: number;
  rule: string;
  /** The secret with everything after its public prefix hidden; safe to print. */
  masked: string;
  /** `sha256:` + 12 hex of the secret: how an allowlist entry names one value without containing it. */
  fingerprint: string;
}

export interface AllowEntry {
  path: string;
  rule: string;
  fingerprint: string;
  reason: string;
}

// A value is bounded by these on both sides so a match is a whole token, not the middle of a longer
// string (a 40-hex run inside a 64-hex sha256 is not a Strava token).
const NOT_ALNUM_BEFORE = '(?<![A-Za-z0-9])';
const NOT_ALNUM_AFTER = '(?![A-Za-z0-9])';
// `NAME = "v"`, `NAME: 'v'`, `"name": "v"`, `NAME=v`, `name := v`, `name => v`.
const ASSIGN = `['"\`]?\\s*(?::=|=>|[:=])\\s*['"\`]?`;
// The rest of an identifier after the telling word; nothing is needed before it, since the match may
// start mid-identifier (TWILIO_AUTH_TOKEN, stravaAccessToken, aws.secret_key).
const IDENT = '[A-Za-z0-9_.-]*';

// Line breaks between PEM lines: real ones, or `\n`/`\r` escapes inside a string literal.
const PEM_GAP = '(?:\\s|\\\\[nr])*';

/** A rule for "a value of this shape assigned to a name matching `name`" (case-insensitive name). */
function assigned(name: string, value: string): RegExp {
  return new RegExp(`(?:${name})${IDENT}${ASSIGN}(?<secret>${value})${NOT_ALNUM_AFTER}`, 'gi');
}

/** A rule for a self-identifying key: a fixed prefix and a body, as a whole token (case-sensitive). */
function prefixed(body: string): RegExp {
  return new RegExp(`${NOT_ALNUM_BEFORE}(?<secret>${body})${NOT_ALNUM_AFTER}`, 'g');
}

export const RULES: readonly Rule[] = [
  {
    id: 'stripe-secret-key',
    description: 'Stripe live/test secret key (sk_live_/sk_test_ + ≥ 20 alphanumerics)',
    pattern: prefixed('sk_(?:live|test)_[A-Za-z0-9]{20,}'),
    keep: 8,
  },
  {
    id: 'stripe-restricted-key',
    description: 'Stripe live/test restricted key (rk_live_/rk_test_ + ≥ 20 alphanumerics)',
    pattern: prefixed('rk_(?:live|test)_[A-Za-z0-9]{20,}'),
    keep: 8,
  },
  {
    // Stripe's are whsec_ + 32 alphanumerics; base64 characters too, for Svix-style secrets. `_` and `-`
    // are not in the body, so the sandbox's `whsec_sandbox_dev_only` (and `whsec_not_ours`) stay out.
    id: 'stripe-webhook-secret',
    description: 'Stripe webhook signing secret (whsec_ + ≥ 24 characters)',
    pattern: prefixed('whsec_[A-Za-z0-9+/=]{24,}'),
    keep: 6,
  },
  {
    // Twilio writes SIDs in lowercase hex; an uppercase-hex digest that happens to start with "AC" is not one.
    id: 'twilio-account-sid',
    description: 'Twilio Account SID (AC + 32 hex)',
    pattern: prefixed('AC[0-9a-f]{32}'),
    keep: 2,
  },
  {
    id: 'twilio-api-key',
    description: 'Twilio API key SID (SK + 32 hex)',
    pattern: prefixed('SK[0-9a-f]{32}'),
    keep: 2,
  },
  {
    id: 'twilio-auth-token',
    description: 'Twilio auth token or API key secret (32 hex assigned to an auth-token-like name)',
    pattern: assigned('auth_?token|authtoken|twilio\\w*(?:token|secret)', '[0-9a-f]{32}'),
    keep: 0,
  },
  {
    id: 'anthropic-api-key',
    description: 'Anthropic API key (sk-ant-…)',
    pattern: prefixed('sk-ant-[A-Za-z0-9_-]{20,}'),
    keep: 7,
  },
  {
    id: 'mistral-api-key',
    description: 'Mistral API key (32 alphanumerics assigned to a MISTRAL_*KEY-like name)',
    pattern: assigned('mistral\\w*key', '[A-Za-z0-9]{32}'),
    keep: 0,
  },
  {
    // Strava client secrets and access/refresh tokens are all 40 hex. The name is required: a bare 40-hex
    // run is far more often a git commit (the test corpus README lists its sources' commits).
    id: 'strava-secret',
    description: 'Strava client secret / access / refresh token (40 hex assigned to a strava/secret/token-like name)',
    pattern: assigned('strava|client_?secret|access_?token|refresh_?token', '[0-9a-f]{40}'),
    keep: 0,
  },
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id (AKIA/ASIA/ABIA/ACCA + 16)',
    pattern: prefixed('(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}'),
    keep: 4,
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key (40 base64 characters assigned to an aws…secret-like name)',
    pattern: new RegExp(`aws${IDENT}secret${IDENT}${ASSIGN}(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`, 'gi'),
    keep: 0,
  },
  {
    // The header alone is not a key (code that checks for a PEM names it): key material must follow it
    // directly, after only line breaks (real or `\n` escapes in a JSON/JS string) and RFC 1421 header
    // lines (Proc-Type, DEK-Info, a PGP block's Version).
    id: 'private-key',
    description: 'Private key block (-----BEGIN … PRIVATE KEY----- followed by key material)',
    pattern: new RegExp(
      `-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----${PEM_GAP}(?:[A-Za-z-]+: [^\\n\\\\]*${PEM_GAP})*(?<secret>[A-Za-z0-9+/]{40,})`,
      'g',
    ),
    keep: 0,
  },
];

export function fingerprint(secret: string): string {
  return `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 12)}`;
}

export function mask(secret: string, keep: number): string {
  return `${secret.slice(0, keep)}${'*'.repeat(4)}(${secret.length} chars)`;
}

/** Every rule match in `text`, one finding per match, with 1-based line numbers. */
export function scanText(text: string, path: string, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    for (const m of text.matchAll(rule.pattern)) {
      const secret = m.groups?.secret;
      if (secret === undefined) continue;
      findings.push({
        path,
        // The match's start: the name a value is assigned to, or a private key's BEGIN line.
        line: lineAt(text, m.index),
        rule: rule.id,
        masked: mask(secret, rule.keep),
        fingerprint: fingerprint(secret),
      });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Files above this are not read (reported as skipped); the largest tracked text file is ~1.6 MB. */
export const MAX_BYTES = 5 * 1024 * 1024;
const SNIFF_BYTES = 8000;

/** Git's own heuristic: a NUL byte in the first 8000 bytes means binary (FIT files, images). */
export function isBinary(buf: Uint8Array): boolean {
  return buf.subarray(0, SNIFF_BYTES).includes(0);
}

export type FileResult =
  | { kind: 'scanned'; findings: Finding[] }
  | { kind: 'binary' }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'absent' };

/** Scans one file (`path` relative to `root`); symlinks, gitlinks and files deleted from the work tree are `absent`. */
export function scanFile(root: string, path: string, maxBytes = MAX_BYTES): FileResult {
  const full = join(root, path);
  let size: number;
  try {
    const st = lstatSync(full);
    if (!st.isFile()) return { kind: 'absent' };
    size = st.size;
  } catch {
    return { kind: 'absent' };
  }
  if (size > maxBytes) {
    // Sniff before refusing: a large binary (an archive) is not worth a warning, a large text file is.
    const head = new Uint8Array(SNIFF_BYTES);
    const fd = openSync(full, 'r');
    let read: number;
    try {
      read = readSync(fd, head, 0, SNIFF_BYTES, 0);
    } finally {
      closeSync(fd);
    }
    return isBinary(head.subarray(0, read)) ? { kind: 'binary' } : { kind: 'too-large', bytes: size };
  }
  const buf = readFileSync(full);
  if (isBinary(buf)) return { kind: 'binary' };
  return { kind: 'scanned', findings: scanText(buf.toString('utf8'), path) };
}

/** Every path git tracks under `root` (the index, so a clean CI clone and a dirty checkout agree on the set). */
export function trackedFiles(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  return out
    .toString('utf8')
    .split('\0')
    .filter((p) => p !== '');
}

/** Reads and validates the allowlist: exact paths only (no directories or globs), a known rule, a reason. */
export function loadAllowlist(file: string): AllowEntry[] {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const entries = (raw as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new Error(`${file}: expected {"entries": [...]}`);
  const ruleIds = new Set(RULES.map((r) => r.id));
  return entries.map((e: unknown, i) => {
    const { path, rule, fingerprint: fp, reason } = (e ?? {}) as Record<string, unknown>;
    const where = `${file}: entry ${i}`;
    if (typeof path !== 'string' || path === '' || path.endsWith('/') || /[*?[\]]/.test(path)) {
      throw new Error(`${where}: "path" must be one file's exact path (no directories or globs)`);
    }
    if (typeof rule !== 'string' || !ruleIds.has(rule)) throw new Error(`${where}: unknown "rule" ${JSON.stringify(rule)}`);
    if (typeof fp !== 'string' || !/^sha256:[0-9a-f]{12}$/.test(fp))
      throw new Error(`${where}: "fingerprint" must be sha256: + 12 hex (as printed by the scan)`);
    if (typeof reason !== 'string' || reason.trim().length < 10) throw new Error(`${where}: every exception needs a "reason"`);
    return { path, rule, fingerprint: fp, reason };
  });
}

function allowKey(e: { path: string; rule: string; fingerprint: string }): string {
  return `${e.path}\0${e.rule}\0${e.fingerprint}`;
}

export interface RepoScan {
  findings: Finding[];
  /** Findings an allowlist entry excused. */
  allowed: Finding[];
  /** Allowlist entries that matched nothing (the fixture changed or moved): worth pruning. */
  unusedAllow: AllowEntry[];
  scanned: number;
  binary: number;
  tooLarge: { path: string; bytes: number }[];
}

/** Scans every tracked text file of the repository at `root`; an allowlist entry excuses one value in one file. */
export function scanRepo(root: string, allowlist: AllowEntry[], maxBytes = MAX_BYTES): RepoScan {
  const allow = new Map(allowlist.map((e) => [allowKey(e), e]));
  const used = new Set<string>();
  const result: RepoScan = { findings: [], allowed: [], unusedAllow: [], scanned: 0, binary: 0, tooLarge: [] };
  for (const path of trackedFiles(root)) {
    const r = scanFile(root, path, maxBytes);
    if (r.kind === 'binary') result.binary++;
    else if (r.kind === 'too-large') result.tooLarge.push({ path, bytes: r.bytes });
    else if (r.kind === 'scanned') {
      result.scanned++;
      for (const f of r.findings) {
        const key = allowKey(f);
        if (allow.has(key)) {
          used.add(key);
          result.allowed.push(f);
        } else {
          result.findings.push(f);
        }
      }
    }
  }
  result.unusedAllow = allowlist.filter((e) => !used.has(allowKey(e)));
  return result;
}
