import { systemClock, systemRandom } from '../../src/core/clock.js';
import type { Finding } from '../../src/core/model/finding.js';
import type { Observation, ObservationData, ObservationKind } from '../../src/core/model/observation.js';
import { rulesFor } from '../../src/core/plan.js';
import { startAudit } from '../../src/core/run-audit.js';
import type { EngineEvent } from '../../src/core/scheduler/events.js';
import { EMPTY_KNOWLEDGE, type Knowledge } from '../../src/core/model/knowledge.js';
import { createJudge } from '../../src/rules/evaluate.js';
import { builtinRulesDir, loadRules, type ParamOverrides } from '../../src/rules/load.js';
import { SCANNERS } from '../../src/scanners/index.js';
import { PORTS_DEFAULTS } from '../../src/scanners/ports/scanner.js';
import { TLS_DEFAULTS, type TlsOptions } from '../../src/scanners/tls/scanner.js';
import { HTTP_DEFAULTS, type HttpScanOptions } from '../../src/scanners/http/scanner.js';
import { SERVICES_DEFAULTS, type ServicesOptions } from '../../src/scanners/services/scanner.js';
import { SOFTWARE_DEFAULTS, type SoftwareOptions } from '../../src/scanners/software/scanner.js';

export interface InProcessAudit {
  observations: Observation[];
  findings: Finding[];
  status: string;
  /** Observations of one kind, optionally of one host and port. */
  facts<K extends ObservationKind>(kind: K, where?: { host?: string; port?: number }): Array<ObservationData[K]>;
  /** Outcome of a rule on a host (the first finding of it). */
  outcome(ruleId: string, host?: string): Finding['outcome'] | undefined;
  /** Rule ids that failed, sorted. */
  failed(host?: string): string[];
}

export interface InProcessOptions {
  ports: string;
  scanners?: string[];
  tls?: Partial<TlsOptions>;
  http?: Partial<HttpScanOptions>;
  services?: Partial<ServicesOptions>;
  software?: Partial<SoftwareOptions>;
  /** Version knowledge to judge software with (rasoat's own data is always there). */
  knowledge?: Knowledge;
  resolve?: Record<string, string[]>;
  ruleParams?: ParamOverrides;
  excludePorts?: string;
}

/**
 * A whole audit in this process, as `rasoat scan` runs it but without the store: the real
 * scanners, scheduler, guard and built-in rules, on loopback targets only. Names must be pinned.
 */
export async function auditInProcess(targets: string[], options: InProcessOptions): Promise<InProcessAudit> {
  const scanners = SCANNERS.filter((s) => (options.scanners ?? ['ports', 'tls']).includes(s.id));
  const book = loadRules([builtinRulesDir()], options.ruleParams ?? {});
  const rules = rulesFor(book.rules, scanners);
  const events: EngineEvent[] = [];
  const run = startAudit(
    {
      targets: targets.map((spec) => ({ spec })),
      exclude: [],
      excludePorts: options.excludePorts ?? '2024',
      resolve: options.resolve ?? {},
      allowLarge: false,
      scanners: scanners.map((s) => s.id),
      scannerOptions: {
        ports: { ...PORTS_DEFAULTS, ports: options.ports, skipDiscovery: true },
        tls: { ...TLS_DEFAULTS, trust: { system: false, caFiles: [] }, ...options.tls },
        http: { ...HTTP_DEFAULTS, checks: book.httpChecks, spamTerms: book.spamTerms, ...options.http },
        services: { ...SERVICES_DEFAULTS, ...options.services },
        software: { ...SOFTWARE_DEFAULTS, fingerprints: book.softwareFingerprints, products: book.software.products, ...options.software },
      },
      limits: { concurrency: 256, hostConcurrency: 32, ratePerHost: 0, maxHosts: 64, taskTimeoutMs: 120_000, taskRetries: 0 },
      userAgent: 'rasoat-test',
    },
    {
      scanners: SCANNERS,
      judge: createJudge(rules, () => Date.now(), { knowledge: options.knowledge ?? EMPTY_KNOWLEDGE, builtin: book.software.advisories, products: book.software.products }),
      sinks: [{ handle: (event) => events.push(event) }],
      clock: systemClock,
      random: systemRandom,
      signal: new AbortController().signal,
      lookup: async (name) => {
        throw Object.assign(new Error(`no DNS in tests (${name})`), { code: 'ENOTFOUND' });
      },
    },
  );
  const { status } = await run.done;
  const observations = events.flatMap((e) => (e.type === 'observation' ? [e.observation] : []));
  const findings = events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
  return {
    observations,
    findings,
    status,
    facts: (kind, where = {}) =>
      observations
        .filter((o) => o.kind === kind && (where.host === undefined || o.host === where.host) && (where.port === undefined || o.port === where.port))
        .map((o) => o.data as never),
    outcome: (ruleId, host) => findings.find((f) => f.ruleId === ruleId && (host === undefined || f.host === host))?.outcome,
    failed: (host) => [...new Set(findings.filter((f) => f.outcome === 'fail' && (host === undefined || f.host === host)).map((f) => f.ruleId))].sort(),
  };
}
