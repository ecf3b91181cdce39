/**
 * The sandbox's own certificate authority and a server certificate it signs
 * for 127.0.0.1 and localhost. Made in-process with selfsigned (WebCrypto
 * underneath), because end-user machines, Windows ones above all, cannot be
 * relied on to have the openssl CLI.
 */
export interface SandboxCertificates {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const DAY = 86_400_000;

export async function createSandboxCertificates(now: number, leafDays: number): Promise<SandboxCertificates> {
  // Loaded only when TLS is switched on: it brings a global Reflect polyfill
  // (via @peculiar/x509) that a sandbox without TLS has no use for.
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date(now - 60 * 60_000);
  const ca = await generate([{ name: 'commonName', value: 'Vigil Sandbox CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(now + 3650 * DAY),
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(now + leafDays * DAY),
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { caPem: ca.cert, certPem: leaf.cert, keyPem: leaf.private };
}
