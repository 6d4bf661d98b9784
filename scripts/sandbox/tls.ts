// A self-signed P-256 certificate for 127.0.0.1 and localhost, made at start with node:crypto and a few
// lines of DER (no openssl, no download): the push sandbox serves TLS because Web Push libraries refuse http:
// endpoints. Callers trust exactly this certificate (Node `ca`, Chromium's SPKI allow-list).
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

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

export interface SelfSigned {
  /** PEM certificate. */
  cert: string;
  /** PEM PKCS#8 private key. */
  key: string;
  /** base64 SHA-256 of the SubjectPublicKeyInfo (Chromium's --ignore-certificate-errors-spki-list). */
  spkiSha256: string;
}

export function selfSignedCertificate(commonName = 'Cadence provider sandbox'): SelfSigned {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f; // a positive INTEGER
  const now = Date.now();
  const extensions = der(
    0xa3,
    seq(
      // basicConstraints (critical): a CA, so it can be its own trust anchor.
      seq(hex('06 03 55 1d 13'), hex('01 01 ff'), der(0x04, seq(hex('01 01 ff')))),
      // subjectAltName: DNS localhost, IP 127.0.0.1.
      seq(hex('06 03 55 1d 11'), der(0x04, seq(der(0x82, Buffer.from('localhost')), der(0x87, Buffer.from([127, 0, 0, 1]))))),
      // extKeyUsage: serverAuth.
      seq(hex('06 03 55 1d 25'), der(0x04, seq(hex('06 08 2b 06 01 05 05 07 03 01')))),
    ),
  );
  const tbs = seq(
    hex('a0 03 02 01 02'), // v3
    der(0x02, serial),
    ECDSA_SHA256,
    name(commonName),
    seq(utcTime(new Date(now - 60 * 60 * 1000)), utcTime(new Date(now + 30 * 24 * 60 * 60 * 1000))),
    name(commonName),
    spki,
    extensions,
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const cert = seq(tbs, ECDSA_SHA256, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const b64 = cert.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
  };
}
