export type { ScanContext, Scanner } from '../core/model/scanner.js';
