import type { Scanner } from '../core/model/scanner.js';
import { portsScanner } from './ports/scanner.js';
import { tlsScanner } from './tls/scanner.js';
import { httpScanner } from './http/scanner.js';
import { servicesScanner } from './services/scanner.js';
import { softwareScanner } from './software/scanner.js';

/** Every built-in scanner, in the order they are listed to users. */
export const SCANNERS: readonly Scanner[] = [portsScanner as Scanner, tlsScanner as Scanner, httpScanner as Scanner, servicesScanner as Scanner, softwareScanner as Scanner];
