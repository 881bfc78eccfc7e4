import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import type { ControlCatalogue } from '../rules/schema.js';
import { COMPLIANCE_FORMATS } from '../reports/index.js';
import type { ReportMessageId } from '../reports/i18n/t.js';
import { REPORT_FORMATS, type ReportFormat } from '../reports/options.js';
import { EXIT } from './exit-codes.js';

/** A `report` error: one line from the report catalogue, with the CLI's exit code. */
export class ReportError extends Error {
  constructor(
    readonly id: ReportMessageId,
    readonly params: Record<string, string | number>,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(id);
  }
}

const EXTENSIONS: Record<string, ReportFormat> = { '.json': 'json', '.csv': 'csv', '.html': 'html', '.htm': 'html', '.pdf': 'pdf', '.sarif': 'sarif', '.md': 'md', '.markdown': 'md' };

/** --format, else the --out file's extension (report.sarif.json is SARIF), else HTML. */
export function resolveFormat(format: string | undefined, out: string | undefined): ReportFormat {
  if (format !== undefined) {
    const lower = format.toLowerCase();
    if (!(REPORT_FORMATS as readonly string[]).includes(lower)) throw new ReportError('report.error.format', { value: format });
    return lower as ReportFormat;
  }
  if (out === undefined) return 'html';
  if (/\.sarif\.json$/i.test(out)) return 'sarif';
  const byExtension = EXTENSIONS[extname(out).toLowerCase()];
  if (!byExtension) throw new ReportError('report.error.formatFromOut', { file: out });
  return byExtension;
}

/** The catalogue named by --framework: its file name (tcvn14423-2026), framework id (tcvn14423:2026) or short name (tcvn14423). */
export function findCatalogue(catalogues: readonly ControlCatalogue[], name: string, format: ReportFormat): ControlCatalogue {
  if (!(COMPLIANCE_FORMATS as readonly string[]).includes(format)) throw new ReportError('report.error.frameworkFormat', { format });
  const wanted = name.trim().toLowerCase();
  const found = catalogues.find((c) => {
    const id = c.framework.toLowerCase();
    return id === wanted || id.replace(':', '-') === wanted || id.split(':')[0] === wanted;
  });
  if (!found) throw new ReportError('report.error.framework', { value: name, known: catalogues.map((c) => c.framework.replace(':', '-')).sort().join(', ') });
  return found;
}

export function parseLevel(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-5]$/.test(value.trim())) throw new ReportError('report.error.level', { value });
  return Number(value);
}

/** --trend N (earlier audits shown; 0 none), bare --trend (the default, 6), --no-trend (none). */
export function parseTrend(value: string | boolean | undefined): number {
  if (value === undefined || value === true) return 6;
  if (value === false) return 0;
  if (!/^\d+$/.test(value.trim()) || Number(value) > 50) throw new ReportError('report.error.trend', { value });
  return Number(value);
}

/** Refuses an --out path that cannot be written, before any work is done. */
export function checkWritable(out: string): string {
  const path = resolve(out);
  const fail = (detail: string) => new ReportError('report.error.out', { file: out, detail });
  if (existsSync(path) && statSync(path).isDirectory()) throw fail('EISDIR');
  const dir = dirname(path);
  if (!existsSync(dir)) throw fail('ENOENT');
  if (!statSync(dir).isDirectory()) throw fail('ENOTDIR');
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
  } catch (error) {
    throw fail((error as NodeJS.ErrnoException).code ?? String(error));
  }
  return path;
}
