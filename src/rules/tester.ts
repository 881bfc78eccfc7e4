import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { HostCoverage } from '../core/model/coverage.js';
import { OUTCOMES, type Outcome } from '../core/model/finding.js';
import type { Observation, ObservationKind } from '../core/model/observation.js';
import { evaluateRule } from './evaluate.js';
import type { Rule } from './schema.js';

const CASE_HOST = 'case-host';
const CASE_NOW = Date.parse('2026-11-24T00:00:00Z');

const observationCase = z.strictObject({
  kind: z.string(),
  port: z.number().int().optional(),
  host: z.string().optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});

const caseSchema = z.strictObject({
  name: z.string().min(1),
  observations: z.array(observationCase).default([]),
  coverage: z
    .strictObject({
      assessed: z.array(z.string()).optional(),
      failed: z.record(z.string(), z.string()).optional(),
      notApplicable: z.array(z.string()).optional(),
      unreachable: z.string().optional(),
    })
    .optional(),
  /** Fail cases: the evidence keys expected, in any order. */
  evidence: z.array(z.string()).optional(),
});

export const casesFileSchema = z.record(z.string(), z.partialRecord(z.enum(OUTCOMES), z.array(caseSchema).min(1)));
/** Cases as written (defaults not yet applied); runRuleCases validates them. */
export type CasesFile = z.input<typeof casesFileSchema>;

export interface CaseFailure {
  ruleId: string;
  caseName: string;
  message: string;
}

/**
 * Runs rule test cases written as data (observations in, outcome and evidence keys out), and
 * polices the cases themselves: every rule needs a failing and a passing case, no case may repeat
 * another, and a rule must not change the observations it is given.
 */
export function runRuleCases(rules: readonly Rule[], input: CasesFile): CaseFailure[] {
  const cases = casesFileSchema.parse(input);
  const failures: CaseFailure[] = [];
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  for (const ruleId of Object.keys(cases)) {
    if (!byId.has(ruleId)) failures.push({ ruleId, caseName: '-', message: 'cases given for a rule that does not exist' });
  }
  for (const rule of rules) {
    if (rule.deprecated) continue;
    const ruleCases = cases[rule.id] ?? {};
    if (!ruleCases.fail?.length) failures.push({ ruleId: rule.id, caseName: '-', message: 'no fail case' });
    if (!ruleCases.pass?.length) failures.push({ ruleId: rule.id, caseName: '-', message: 'no pass case' });
    const seen: unknown[] = [];
    for (const outcome of OUTCOMES) {
      for (const testCase of ruleCases[outcome] ?? []) {
        const fail = (message: string) => failures.push({ ruleId: rule.id, caseName: testCase.name, message });
        const signature = { observations: testCase.observations, coverage: testCase.coverage };
        if (seen.some((other) => isDeepStrictEqual(other, signature))) fail('duplicate of another case of this rule');
        seen.push(signature);

        const observations = deepFreeze(testCase.observations.map(toObservation));
        let findings;
        try {
          findings = evaluateRule(rule, CASE_HOST, observations, toCoverage(rule, testCase.coverage), CASE_NOW);
        } catch (error) {
          fail(`rule threw: ${(error as Error).message}`);
          continue;
        }
        const outcomes = [...new Set(findings.map((f) => f.outcome))];
        if (outcomes.length !== 1 || outcomes[0] !== outcome) {
          fail(`expected ${outcome}, got ${outcomes.join(', ') || 'no verdict'}`);
          continue;
        }
        if (outcome === 'fail' && testCase.evidence) {
          const keys = findings.map((f) => f.evidenceKey).sort();
          if (!isDeepStrictEqual(keys, [...testCase.evidence].sort())) fail(`expected evidence ${JSON.stringify(testCase.evidence)}, got ${JSON.stringify(keys)}`);
        }
      }
    }
  }
  return failures;
}

function toObservation(input: z.infer<typeof observationCase>): Observation {
  const observation = {
    kind: input.kind,
    host: input.host ?? CASE_HOST,
    scanner: 'case',
    at: new Date(CASE_NOW).toISOString(),
    data: input.data,
  } as unknown as Observation;
  if (input.port !== undefined) observation.port = input.port;
  return observation;
}

function toCoverage(rule: Rule, given: z.infer<typeof caseSchema>['coverage']): HostCoverage {
  const coverage: HostCoverage = {
    assessed: new Set((given?.assessed ?? rule.reads) as ObservationKind[]),
    failed: new Map(Object.entries(given?.failed ?? {}) as Array<[ObservationKind, string]>),
    notApplicable: new Set((given?.notApplicable ?? []) as ObservationKind[]),
  };
  if (given?.unreachable) coverage.unreachable = given.unreachable;
  return coverage;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export type { Outcome };
