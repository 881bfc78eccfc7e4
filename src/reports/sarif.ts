import type { Log, ReportingDescriptor, Result, Suppression } from 'sarif';
import type { AuditResult } from '../core/model/audit-result.js';
import { isFailure, type Finding } from '../core/model/finding.js';
import { isSeverity, type Severity } from '../core/model/severity.js';
import { citations } from './cite.js';
import { cvssOf, endpoint, evidenceLine, isKev } from './evidence.js';
import type { ReportOptions } from './options.js';
import { compareFindings } from './priority.js';
import { hostRisks, overallRisk } from './risk.js';
import { ruleText } from './rule-text.js';
import { suppressionsOf, type Suppressions } from './suppression.js';

/** GitHub code scanning ranks results by this property (CVSS-like, as a string). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const FINGERPRINT_KEY = 'rasoatFingerprint/v1';

/**
 * SARIF 2.1.0: one run, a rule descriptor per check the audit ran, a result per failing finding.
 * A network finding has no source file, so its location is the endpoint as a URI
 * (tcp://host:port) plus a logical location naming the host. With a comparison each result
 * carries its baseline state, and fixed failures are listed as `absent`. With triage decisions each
 * result of the audit says whether it is suppressed (SARIF 2.1.0 §3.27.23, §3.35).
 */
export function renderSarif(result: AuditResult, options: ReportOptions): string {
  const { lang } = options;
  const { audit } = result;
  const rules = [...result.rules].sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const descriptors: ReportingDescriptor[] = rules.map((rule) => {
    const text = ruleText(rule);
    const severity: Severity = isSeverity(rule.severity) ? rule.severity : 'info';
    const descriptor: ReportingDescriptor = {
      id: rule.id,
      name: rule.id,
      shortDescription: { text: text.title[lang] },
      fullDescription: { text: text.description[lang] || text.title[lang] },
      help: { text: text.remediation[lang] || text.title[lang], markdown: helpMarkdown(text.remediation[lang], text.references) },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: {
        tags: ['security', rule.category, ...text.tags],
        precision: 'high',
        'security-severity': SECURITY_SEVERITY[severity],
        category: rule.category,
        controls: citations(text.controls),
      },
    };
    if (text.references[0]) descriptor.helpUri = text.references[0];
    return descriptor;
  });

  const states = new Map<string, Result.baselineState>();
  const reopened = new Set(options.comparison?.reopened ?? []);
  if (options.comparison) {
    for (const f of options.comparison.diff.new) states.set(f.fingerprint, 'new');
    for (const f of options.comparison.diff.unchanged) states.set(f.fingerprint, 'unchanged');
  }
  const suppressions = suppressionsOf(result);
  const toResult = (f: Finding, state?: Result.baselineState): Result => {
    const r: Result = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity] ?? 'note',
      kind: 'fail',
      message: { text: messageText(f, lang) },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: endpointUri(f.host, f.port) } },
          logicalLocations: [{ name: f.host, fullyQualifiedName: endpoint(f.host, f.port), kind: 'resource' }],
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      properties: {
        host: f.host,
        port: f.port ?? null,
        severity: f.severity,
        evidence: f.evidence,
        kev: isKev(f),
        cvss: cvssOf(f),
        ...(reopened.has(f.fingerprint) ? { reopened: true } : {}),
      },
    };
    const i = index.get(f.ruleId);
    if (i !== undefined) r.ruleIndex = i;
    if (state) r.baselineState = state;
    if (suppressions.at !== null && state !== 'absent') r.suppressions = suppressionsFor(suppressions, f.fingerprint);
    return r;
  };
  const results = result.findings
    .filter(isFailure)
    .sort(compareFindings)
    .map((f) => toResult(f, options.comparison ? (states.get(f.fingerprint) ?? 'new') : undefined));
  if (options.comparison) results.push(...[...options.comparison.diff.fixed].sort(compareFindings).map((f) => toResult(f, 'absent')));

  const overall = overallRisk(hostRisks(result.targets, suppressions.counted));
  const invocation: NonNullable<Log['runs'][number]['invocations']>[number] = {
    executionSuccessful: audit.status === 'complete',
    startTimeUtc: audit.startedAt,
    machine: audit.machine,
    account: audit.auditor,
  };
  if (audit.endedAt) invocation.endTimeUtc = audit.endedAt;
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'rasoat', version: audit.toolVersion, semanticVersion: audit.toolVersion, rules: descriptors, properties: { rulesVersion: audit.rulesVersion } } },
        automationDetails: { id: `rasoat/audit/${audit.id}`, guid: audit.uuid },
        invocations: [invocation],
        language: lang === 'vi' ? 'vi-VN' : 'en-US',
        columnKind: 'unicodeCodePoints',
        results,
        properties: {
          auditId: audit.id,
          authorization: audit.authorization,
          profile: audit.profile,
          riskScore: overall.score,
          grade: overall.grade,
          ...(suppressions.at === null ? {} : { triageAt: suppressions.at }),
          ...(options.comparison ? { comparedWith: options.comparison.before.id, notRechecked: options.comparison.diff.notRechecked.map((f) => f.fingerprint).sort() } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * A person's decision as SARIF suppressions, recorded outside the scanned system (kind "external"):
 * in force, status "accepted" (the result is suppressed); an acceptance past its date, status
 * "rejected" (it no longer holds: the result counts). No decision: an empty array, which says the
 * result is not suppressed (absent would mean not known).
 */
function suppressionsFor(suppressions: Suppressions, fingerprint: string): Suppression[] {
  const found = suppressions.of(fingerprint);
  if (!found) return [];
  const { decision } = found;
  const properties: Record<string, unknown> = { decision: decision.status, decidedBy: decision.actor, decidedAt: decision.at, until: decision.until ?? null };
  // The SARIF SDK reads an expiry from this property.
  if (decision.until) properties.expiryUtc = decision.until;
  if (found.expired) properties.expired = true;
  return [{ kind: 'external', status: found.expired ? 'rejected' : 'accepted', justification: decision.reason, properties }];
}

/** tcp://host:port (IPv6 literals bracketed), a valid URI for an endpoint without a file. */
export function endpointUri(host: string, port?: number): string {
  const authority = host.includes(':') ? `[${host}]` : encodeURIComponent(host);
  return port === undefined ? `tcp://${authority}` : `tcp://${authority}:${port}`;
}

function messageText(f: Finding, lang: 'vi' | 'en'): string {
  const evidence = evidenceLine(f.evidence);
  return `${f.title[lang]} (${endpoint(f.host, f.port)}${evidence ? `; ${evidence}` : ''})`;
}

function helpMarkdown(remediation: string, references: readonly string[]): string {
  const refs = references.map((r) => `- <${r}>`).join('\n');
  return refs ? `${remediation}\n\n${refs}` : remediation;
}
