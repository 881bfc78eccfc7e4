import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { FIXTURE_TIME_ZONE, fixtureAudit, fixtureEarlierAudit, fixtureOlderFailing } from '../../fixtures/reports/audit.js';
import { compareAudits } from '../../src/reports/change.js';
import type { Comparison } from '../../src/reports/options.js';
import type { AuditResult } from '../../src/core/model/audit-result.js';
import type { BareVerdict, Verdict } from '../../src/core/model/finding.js';
import type { Lang } from '../../src/core/model/text.js';
import type { ReportOptions } from '../../src/reports/options.js';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const GOLDEN_DIR = join(ROOT, 'fixtures/golden');
/** `UPDATE_GOLDEN=1 npx vitest run test/reports` rewrites the golden files; review them in the diff. */
export const UPDATE = process.env.UPDATE_GOLDEN === '1';

export function options(lang: Lang, extra: Partial<ReportOptions> = {}): ReportOptions {
  return { lang, timeZone: FIXTURE_TIME_ZONE, ...extra };
}

/** Compares with fixtures/golden/<name>, or writes it when updating. */
export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (UPDATE || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (!UPDATE) throw new Error(`golden file ${name} did not exist and was written: review it, then run again`);
    return;
  }
  expect(actual, `${name} differs from its golden file; if the change is intended run UPDATE_GOLDEN=1 npx vitest run test/reports and review the diff`).toBe(readFileSync(path, 'utf8'));
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

let ajv: Ajv2020 | undefined;
/** A validator for one of schemas/*.schema.json (JSON Schema 2020-12, formats checked). */
export function schemaValidator(file: 'audit-report.schema.json' | 'compliance-report.schema.json'): Validate {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  }
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')) as { $id: string };
  return (ajv.getSchema(schema.$id) ?? ajv.compile(schema)) as Validate;
}

let sarif: Validate | undefined;
/**
 * The official SARIF 2.1.0 schema (shipped by @microsoft/jest-sarif) is draft-04, which Ajv 8 no
 * longer reads; jest-sarif's own Ajv 6 does, exactly as jest-sarif's matcher sets it up.
 */
export function sarifValidator(): Validate {
  if (!sarif) {
    const require = createRequire(join(ROOT, 'node_modules/@microsoft/jest-sarif/package.json'));
    const Ajv6 = require('ajv') as new (options: Record<string, unknown>) => { addMetaSchema(s: unknown): void; compile(s: unknown): Validate };
    const ajv6 = new Ajv6({ schemaId: 'auto', validateSchema: false, allErrors: true, format: 'full' });
    ajv6.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
    sarif = ajv6.compile(require('./lib/schemas/sarif-2.1.0-rtm.5.json'));
  }
  return sarif;
}

export function expectValid(validate: Validate, data: unknown): void {
  const ok = validate(data);
  expect(ok ? [] : validate.errors).toEqual([]);
}

/** The fixture's change since audit #9 (FTP fixed, SMB not re-checked, RDP reopened). */
export function comparison(): Comparison {
  const before = fixtureEarlierAudit();
  return compareAudits(before.audit, before, fixtureAudit(), fixtureOlderFailing());
}

/** The audit as `rasoat report` reads it by default: failures in full, the other verdicts bare. */
export function asRead(result: AuditResult): AuditResult {
  return {
    ...result,
    findings: result.findings.map((f): Verdict => {
      if (f.outcome === 'fail') return f;
      const bare: BareVerdict = { ruleId: f.ruleId, outcome: f.outcome, severity: f.severity, category: f.category, host: f.host };
      if (f.port !== undefined) bare.port = f.port;
      if (f.reason !== undefined) bare.reason = f.reason;
      return bare;
    }),
  };
}
