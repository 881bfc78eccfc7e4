import type { JsExtractor } from '../../core/model/knowledge.js';
import type { ProductInfo } from '../../core/model/product.js';
import type { SoftwareFingerprint } from '../../core/model/software-fingerprint.js';

export interface SoftwareOptions {
  /** How to recognise web products (rules/software/fingerprints*.yaml), passed in by the caller: scanners read no files. */
  fingerprints: SoftwareFingerprint[];
  /** The product catalogue (rules/software/products*.yaml): how services' and nmap's product names map to product ids. */
  products: ProductInfo[];
  /** retire.js extractors of JavaScript libraries, when the caller has imported them. */
  jsExtractors: JsExtractor[];
  /** Same-site scripts and style sheets read per site, scripts first. */
  maxScripts: number;
  /** Each script is read up to this size (its hash is only compared when it was read whole). */
  maxScriptBytes: number;
  timeoutMs: number;
  /** Front pages are read up to this size. */
  maxPageBytes: number;
  maxRedirects: number;
}

export const SOFTWARE_DEFAULTS: SoftwareOptions = {
  fingerprints: [],
  products: [],
  jsExtractors: [],
  maxScripts: 40,
  maxScriptBytes: 1024 * 1024,
  timeoutMs: 10_000,
  maxPageBytes: 2 * 1024 * 1024,
  maxRedirects: 10,
};
