import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { InputError } from '../errors.js';

/** Where Debian, Ubuntu, Alpine (and RHEL through its compat link) keep the system's CA bundle. */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'];

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export interface TrustSource {
  /** Node's bundled Mozilla roots plus the system bundle: what a browser on the auditor's machine trusts. */
  system: boolean;
  /** PEM files of private CAs (an agency's own CA, a ministry CA) that clients of the target trust. */
  caFiles: string[];
}

/**
 * The anchors a certificate chain is judged against, and one OpenSSL context per handshake
 * profile built from them: parsing some 150 roots for every connection would cost more than the
 * handshake itself.
 */
export class TrustStore {
  private static readonly cache = new Map<string, TrustStore>();
  private readonly contexts = new Map<string, SecureContext>();

  private constructor(readonly pems: readonly string[]) {}

  /** One store per distinct source in each thread; a CA file that cannot be used is an input error. */
  static load(source: TrustSource): TrustStore {
    const key = JSON.stringify([source.system, source.caFiles]);
    let store = TrustStore.cache.get(key);
    if (!store) {
      const pems = new Set<string>();
      if (source.system) {
        for (const pem of rootCertificates) pems.add(pem.trim());
        for (const bundle of SYSTEM_BUNDLES) for (const pem of readPemFile(bundle, false)) pems.add(pem);
      }
      for (const file of source.caFiles) for (const pem of readPemFile(file, true)) pems.add(pem);
      store = new TrustStore([...pems]);
      TrustStore.cache.set(key, store);
    }
    return store;
  }

  context(profile: { minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'; maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'; ciphers?: string }): SecureContext {
    const key = JSON.stringify([profile.minVersion, profile.maxVersion, profile.ciphers]);
    let context = this.contexts.get(key);
    if (!context) {
      context = createSecureContext({ ca: [...this.pems], ...profile });
      this.contexts.set(key, context);
    }
    return context;
  }
}

/** Certificates in a PEM file; with `required`, a missing, unreadable or certificate-less file is an input error. */
export function readPemFile(file: string, required: boolean): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch (error) {
    if (!required) return [];
    throw new InputError('file.unreadable', { file, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  const pems = text.match(PEM_BLOCK) ?? [];
  if (!required) return pems;
  if (pems.length === 0) throw new InputError('tls.caFileEmpty', { file });
  pems.forEach((pem, index) => {
    try {
      new X509Certificate(pem);
    } catch {
      throw new InputError('tls.caFileBad', { file, index: index + 1 });
    }
  });
  return pems;
}
