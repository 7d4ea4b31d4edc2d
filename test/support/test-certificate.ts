import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away TLS identity for a local fake server: made per test run, never committed. */
export interface TestCertificate {
  /** PEM private key (EC P-256). */
  key: string;
  /** PEM self-signed certificate for 127.0.0.1 and localhost; also the CA a client must trust. */
  cert: string;
}

/** Generates a self-signed certificate with openssl into a temporary directory, then removes it. */
export function generateTestCertificate(commonName = 'orderflow test fake'): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'orderflow-cert-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${commonName}`,
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
