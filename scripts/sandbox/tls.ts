// TLS for the sandbox on loopback: a throwaway P-256 CA and a leaf certificate for 127.0.0.1 and localhost,
// made at start with node:crypto and a few lines of DER (no openssl, no download). The push sandbox serves TLS
// because Web Push libraries refuse http: endpoints; callers trust exactly this CA.
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, content]);
}
const seq = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));
const hex = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex');
const utcTime = (d: Date) => der(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`));

const ECDSA_SHA256 = seq(hex('06 08 2a 86 48 ce 3d 04 03 02'));
const name = (cn: string) => seq(der(0x31, seq(hex('06 03 55 04 03'), der(0x0c, Buffer.from(cn)))));

export interface SandboxTls {
  /** PEM: the leaf certificate then the CA that signed it (the server's chain). */
  cert: string;
  /** PEM PKCS#8 private key of the leaf. */
  key: string;
  /** PEM of the CA: what a client trusts (Node `ca`, SSL_CERT_FILE for workerd). */
  ca: string;
  /** base64 SHA-256 of the leaf's SubjectPublicKeyInfo (Chromium's --ignore-certificate-errors-spki-list). */
  spkiSha256: string;
}

const pem = (der: Buffer) => {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
};

function certificate(opts: { subject: string; issuer: string; spki: Buffer; signer: KeyObject; ca: boolean; days: number }): Buffer {
  const serial = randomBytes(16);
  // A positive INTEGER in minimal DER: a first byte 0x00 before one < 0x80 is "illegal padding" to OpenSSL
  // (one sandbox start in ~128 failed so), so the top bit is cleared and the next one set.
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  const now = Date.now();
  const extensions = opts.ca
    ? [
        // basicConstraints (critical) CA:TRUE; keyUsage (critical) keyCertSign.
        seq(hex('06 03 55 1d 13'), hex('01 01 ff'), der(0x04, seq(hex('01 01 ff')))),
        seq(hex('06 03 55 1d 0f'), hex('01 01 ff'), der(0x04, hex('03 02 02 04'))),
      ]
    : [
        // subjectAltName: DNS localhost, IP 127.0.0.1; extKeyUsage serverAuth. No basicConstraints: an end entity.
        seq(hex('06 03 55 1d 11'), der(0x04, seq(der(0x82, Buffer.from('localhost')), der(0x87, Buffer.from([127, 0, 0, 1]))))),
        seq(hex('06 03 55 1d 25'), der(0x04, seq(hex('06 08 2b 06 01 05 05 07 03 01')))),
      ];
  const tbs = seq(
    hex('a0 03 02 01 02'), // v3
    der(0x02, serial),
    ECDSA_SHA256,
    name(opts.issuer),
    // Valid from a year back: in a run at a chosen future instant (scripts/e2e.ts --at) this process's clock is ahead of
    // workerd's, which checks the certificate on the machine's real clock.
    seq(utcTime(new Date(now - 365 * 24 * 60 * 60 * 1000)), utcTime(new Date(now + opts.days * 24 * 60 * 60 * 1000))),
    name(opts.subject),
    opts.spki,
    der(0xa3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, { key: opts.signer, dsaEncoding: 'der' });
  return seq(tbs, ECDSA_SHA256, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

/**
 * A throwaway CA and a leaf for 127.0.0.1 and localhost signed by it, made at start (strict verifiers such as
 * workerd's refuse a CA certificate used as the server's own, so the two are separate).
 */
export function sandboxTls(commonName = 'Cadence provider sandbox'): SandboxTls {
  const caKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const leafKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caName = `${commonName} CA`;
  const caSpki = caKeys.publicKey.export({ type: 'spki', format: 'der' });
  const leafSpki = leafKeys.publicKey.export({ type: 'spki', format: 'der' });
  const ca = certificate({ subject: caName, issuer: caName, spki: caSpki, signer: caKeys.privateKey, ca: true, days: 30 });
  const leaf = certificate({ subject: commonName, issuer: caName, spki: leafSpki, signer: caKeys.privateKey, ca: false, days: 30 });
  return {
    cert: pem(leaf) + pem(ca),
    key: leafKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    ca: pem(ca),
    spkiSha256: createHash('sha256').update(leafSpki).digest('base64'),
  };
}

// Where Linux distributions keep the system's CA bundle (Debian/Ubuntu, Fedora/RHEL, Alpine/macOS).
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

/**
 * The system's CAs plus the sandbox CA in a temporary file, for `SSL_CERT_FILE`: workerd (rustls) reads its
 * trust store from it, so the worker reaches the sandbox over TLS by the production code path.
 */
export function writeTrustBundle(ca: string): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cadence-sandbox-ca-'));
  const system = [process.env.SSL_CERT_FILE, ...SYSTEM_BUNDLES].find((p): p is string => !!p && existsSync(p));
  const path = join(dir, 'ca-bundle.pem');
  writeFileSync(path, `${system ? readFileSync(system, 'utf8').trimEnd() : ''}\n${ca}`);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
