import type { AuditResult } from '../core/model/audit-result.js';
import { evaluateCompliance } from './compliance/evaluate.js';
import { renderComplianceCsv } from './compliance/csv.js';
import { renderComplianceHtml } from './compliance/html.js';
import { renderComplianceJson } from './compliance/json.js';
import { renderComplianceMarkdown } from './compliance/markdown.js';
import type { ComplianceOptions } from './compliance/types.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html/report.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { ReportFormat, ReportOptions } from './options.js';
import { renderSarif } from './sarif.js';

/** The formats a compliance report can take (SARIF has no place for controls). */
export const COMPLIANCE_FORMATS = ['json', 'csv', 'html', 'pdf', 'md'] as const satisfies readonly ReportFormat[];

/**
 * Renders an audit in a text format. PDF is the HTML printed by the CLI (it needs a browser), so
 * 'pdf' renders the HTML here. Pure: same input, same bytes.
 */
export function renderReport(format: ReportFormat, result: AuditResult, options: ReportOptions): string {
  switch (format) {
    case 'json':
      return renderJson(result, options.comparison ? { comparison: options.comparison } : options.history ? { history: options.history } : {});
    case 'csv':
      return renderCsv(result, options);
    case 'sarif':
      return renderSarif(result, options);
    case 'md':
      return renderMarkdown(result, options);
    case 'html':
    case 'pdf':
      return renderHtml(result, options);
  }
}

/** Renders the compliance report of an audit against one control catalogue. */
export function renderComplianceReport(format: (typeof COMPLIANCE_FORMATS)[number], result: AuditResult, options: ComplianceOptions): string {
  const compliance = evaluateCompliance(result, options);
  switch (format) {
    case 'json':
      return renderComplianceJson(result, compliance, options);
    case 'csv':
      return renderComplianceCsv(result, compliance, options);
    case 'md':
      return renderComplianceMarkdown(result, compliance, options);
    case 'html':
    case 'pdf':
      return renderComplianceHtml(result, compliance, options);
  }
}
