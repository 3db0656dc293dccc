import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

/**
 * A certificate authority made for one emulator run, and leaf certificates it signs for the tenants' public host
 * names. Node's crypto parses X.509 (`X509Certificate`) but cannot issue certificates, hence node-forge (no
 * dependencies of its own); the RSA keys come from Node's native generator, forge only builds and signs the
 * certificates. Nothing goes near the machine's trust store: clients trust `caFile` explicitly (`ca:` option,
 * `NODE_EXTRA_CA_CERTS`).
 */
export interface RunCa {
  /** The CA certificate, PEM. */
  caPem: string;
  /** A temporary file holding `caPem`; removed by `dispose()`. */
  caFile: string;
  /** A leaf certificate (PEM, with the CA appended as its chain) and its key, for these DNS names plus 127.0.0.1. */
  issue(dnsNames: string[]): { cert: string; key: string };
  dispose(): void;
}

const DAY = 86_400_000;

function serial(): string {
  // Positive, 16 bytes: the top bit cleared so that DER does not read it as negative.
  const b = randomBytes(16);
  b[0] &= 0x7f;
  return b.toString('hex');
}

function rsaKeys(): { pub: forge.pki.PublicKey; priv: forge.pki.rsa.PrivateKey; privPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    pub: forge.pki.publicKeyFromPem(publicKey),
    priv: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
    privPem: privateKey,
  };
}

function validity(cert: forge.pki.Certificate, now: number, days: number): void {
  cert.validity.notBefore = new Date(now - DAY);
  cert.validity.notAfter = new Date(now + days * DAY);
}

export function createRunCa(now = Date.now()): RunCa {
  const caKeys = rsaKeys();
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.pub;
  ca.serialNumber = serial();
  validity(ca, now, 7);
  const caName = [
    { name: 'commonName', value: `Qlik Cloud emulator test CA ${new Date(now).toISOString()}` },
    { name: 'organizationName', value: 'qlik-cloud-keys tests' },
  ];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.priv, forge.md.sha256.create());
  const caPem = forge.pki.certificateToPem(ca);

  const dir = mkdtempSync(join(tmpdir(), 'qck-ca-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, caPem, { mode: 0o644 });
  // Also gone when the process ends without close() (process.exit, an uncaught error); not after SIGKILL.
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);

  // One key for every leaf of the run (keys are the slow part); each tenant still gets its own certificate.
  const leafKeys = rsaKeys();
  return {
    caPem,
    caFile,
    issue(dnsNames) {
      const leaf = forge.pki.createCertificate();
      leaf.publicKey = leafKeys.pub;
      leaf.serialNumber = serial();
      validity(leaf, now, 7);
      leaf.setSubject([{ name: 'commonName', value: dnsNames[0] ?? '127.0.0.1' }]);
      leaf.setIssuer(ca.subject.attributes);
      leaf.setExtensions([
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [...dnsNames.map((value) => ({ type: 2, value })), { type: 7, ip: '127.0.0.1' }] },
        { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
      ]);
      leaf.sign(caKeys.priv, forge.md.sha256.create());
      return { cert: forge.pki.certificateToPem(leaf) + caPem, key: leafKeys.privPem };
    },
    dispose() {
      remove();
      process.off('exit', remove);
    },
  };
}
