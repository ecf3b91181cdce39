/** What an operator needs to know about a server certificate. */
import type { PeerCertificate } from 'node:tls';

export interface TlsCertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  /** ISO time; the monitor alerts ahead of it. */
  validTo: string;
  fingerprint256: string;
  /** Node's verification code when the certificate was refused, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE. */
  verifyError?: string;
  /** The TLS version negotiated, e.g. TLSv1.3. */
  protocol?: string;
}

// Node types these as strings, but repeated RDNs (two OUs) arrive as arrays.
function distinguishedName(name: unknown): string {
  if (typeof name !== 'object' || name === null) return '';
  return Object.entries(name as Record<string, string | string[]>)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${x}`))
    .join(', ');
}

function isoTime(text: string): string {
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : new Date(t).toISOString();
}

export function describeCertificate(cert: PeerCertificate, verifyError?: string, protocol?: string | null): TlsCertificateInfo | undefined {
  if (!cert || Object.keys(cert).length === 0) return undefined;
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validFrom: isoTime(cert.valid_from),
    validTo: isoTime(cert.valid_to),
    fingerprint256: cert.fingerprint256,
    ...(verifyError ? { verifyError } : {}),
    ...(protocol ? { protocol } : {}),
  };
}
