import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InputError } from '../core/errors.js';
import { packageRoot } from '../core/package-root.js';
import type { LocatedYaml, YamlPath } from '../core/yaml.js';
import { readLocated, zodProblem, type RuleProblem } from './located.js';
import { readSoftwareCatalogue, type SoftwareCatalogue } from './catalogue-load.js';
import { kindsOf, regexesOf } from './match.js';
import { controlCatalogueSchema, ruleFileSchema, ruleSchema, type ControlCatalogue, type Rule } from './schema.js';
import { exposureCheckSchema, probeFileSchema, spamTermsFileSchema } from './probe-schema.js';
import type { ExposureCheck } from '../core/model/http-check.js';
import type { SoftwareFingerprint } from '../core/model/software-fingerprint.js';
import { readSoftwareFingerprints } from './software-data.js';

export type { RuleProblem } from './located.js';

export interface RuleBook {
  rules: Rule[];
  catalogues: ControlCatalogue[];
  /** Exposure checks the HTTP scanner runs (`probes/*.yaml`): data, like the rules that judge them. */
  httpChecks: ExposureCheck[];
  /** Terms of injected gambling and SEO spam (`data/spam-terms*.yaml`), vi and en together. */
  spamTerms: string[];
  /** Products (names, packages, lifecycle ids) and rasoat's own vulnerable-version data (`software/`). */
  software: SoftwareCatalogue;
  /** How the software scanner recognises web products (`software/fingerprints*.yaml`). */
  softwareFingerprints: SoftwareFingerprint[];
  /** Hash of every rule and catalogue file read: recorded with each audit. */
  version: string;
  files: string[];
  problems: RuleProblem[];
}

/** The `rules/` folder shipped with rasoat. */
export function builtinRulesDir(): string {
  return join(packageRoot(), 'rules');
}

/**
 * Reads rule files (`*.yaml` at the top of each directory) and control catalogues (`controls/`).
 * Collects every problem with file:line; `loadRules` throws the first, `rules lint` prints all.
 */
/** Overrides of rule parameters: rule id → parameter → value. */
export type ParamOverrides = Record<string, Record<string, number | string>>;

export function readRuleBook(dirs: string[], overrides: ParamOverrides = {}): RuleBook {
  const problems: RuleProblem[] = [];
  const rules: Rule[] = [];
  const catalogues: ControlCatalogue[] = [];
  const httpChecks: ExposureCheck[] = [];
  const spamTerms = new Set<string>();
  const software: SoftwareCatalogue = { products: [], advisories: [] };
  const softwareFingerprints: SoftwareFingerprint[] = [];
  const files: string[] = [];
  const hash = createHash('sha256');

  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      problems.push({ file: dir, line: 0, message: 'not a directory of rule files' });
      continue;
    }
    for (const file of yamlFiles(dir)) {
      files.push(file);
      const located = readLocated(file, problems, hash);
      if (located) rules.push(...rulesOf(file, located, problems));
    }
    const controlsDir = join(dir, 'controls');
    if (existsSync(controlsDir)) {
      for (const file of yamlFiles(controlsDir)) {
        files.push(file);
        const located = readLocated(file, problems, hash);
        if (!located) continue;
        const parsed = controlCatalogueSchema.safeParse(located.value);
        if (parsed.success) catalogues.push(parsed.data);
        else problems.push(zodProblem(file, located, [], parsed.error.issues[0]));
      }
    }
    const probesDir = join(dir, 'probes');
    if (existsSync(probesDir)) {
      for (const file of yamlFiles(probesDir)) {
        files.push(file);
        const located = readLocated(file, problems, hash);
        if (located) httpChecks.push(...checksOf(file, located, problems, httpChecks));
      }
    }
    readSoftwareCatalogue(dir, software, problems, hash, files);
    const dataDir = join(dir, 'data');
    if (existsSync(dataDir)) {
      for (const file of yamlFiles(dataDir).filter((f) => /spam-terms[^/\\]*$/.test(f))) {
        files.push(file);
        const located = readLocated(file, problems, hash);
        if (!located) continue;
        const parsed = spamTermsFileSchema.safeParse(located.value);
        if (parsed.success) for (const term of [...parsed.data.terms.vi, ...parsed.data.terms.en]) spamTerms.add(term.normalize('NFC'));
        else problems.push(zodProblem(file, located, [], parsed.error.issues[0]));
      }
    }
    const softwareDir = join(dir, 'software');
    if (existsSync(softwareDir)) {
      const read = (file: string) => {
        files.push(file);
        return readLocated(file, problems, hash);
      };
      softwareFingerprints.push(...readSoftwareFingerprints(softwareDir, read, problems));
    }
  }
  crossCheck(rules, catalogues, problems);
  const tuned = applyParams(rules, overrides, problems);
  hash.update(JSON.stringify(overrides));
  return { rules: tuned, catalogues, httpChecks, spamTerms: [...spamTerms], software, softwareFingerprints, version: hash.digest('hex').slice(0, 12), files, problems };
}

export function loadRules(dirs: string[], overrides: ParamOverrides = {}): RuleBook {
  const book = readRuleBook(dirs, overrides);
  const first = book.problems[0];
  if (first) throw new InputError('rules.invalid', { file: first.file, line: first.line, detail: first.message });
  return book;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

function rulesOf(file: string, located: LocatedYaml, problems: RuleProblem[]): Rule[] {
  const top = ruleFileSchema.safeParse(located.value);
  if (!top.success) {
    problems.push(zodProblem(file, located, [], top.error.issues[0]));
    return [];
  }
  const rules: Rule[] = [];
  top.data.rules.forEach((raw, index) => {
    const base: YamlPath = ['rules', index];
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(zodProblem(file, located, base, parsed.error.issues[0]));
      return;
    }
    const rule: Rule = { ...parsed.data, source: { file, line: located.lineOf(base) } };
    const at = (path: YamlPath) => located.lineOf([...base, ...path]);
    const conditions = [['match', rule.match], ['appliesTo', rule.appliesTo], ['assessable', rule.assessable]] as const;
    for (const [field, condition] of conditions) {
      if (!condition) continue;
      for (const kind of kindsOf(condition)) {
        if (!rule.reads.includes(kind as Rule['reads'][number])) {
          problems.push({ file, line: at([field]), message: `${rule.id}: ${field} uses kind "${kind}" that is not listed in reads` });
        }
      }
      for (const { source, flags } of regexesOf(condition)) {
        try {
          new RegExp(source, flags);
        } catch (error) {
          problems.push({ file, line: at([field]), message: `${rule.id}: bad regex /${source}/: ${(error as Error).message}` });
        }
      }
    }
    rules.push(rule);
  });
  return rules;
}

function checksOf(file: string, located: LocatedYaml, problems: RuleProblem[], earlier: readonly ExposureCheck[]): ExposureCheck[] {
  const top = probeFileSchema.safeParse(located.value);
  if (!top.success) {
    problems.push(zodProblem(file, located, [], top.error.issues[0]));
    return [];
  }
  const checks: ExposureCheck[] = [];
  top.data.http.forEach((raw, index) => {
    const base: YamlPath = ['http', index];
    const parsed = exposureCheckSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(zodProblem(file, located, base, parsed.error.issues[0]));
      return;
    }
    const check = parsed.data as ExposureCheck;
    const line = located.lineOf(base);
    if ([...earlier, ...checks].some((c) => c.id === check.id)) problems.push({ file, line, message: `duplicate exposure check id ${check.id}` });
    for (const [field, source, flags] of [['body', check.body, check.bodyFlags], ['contentType', check.contentType, 'i']] as const) {
      if (source === undefined) continue;
      try {
        new RegExp(source, flags);
      } catch (error) {
        problems.push({ file, line: located.lineOf([...base, field]), message: `${check.id}: bad regex /${source}/: ${(error as Error).message}` });
      }
    }
    checks.push(check);
  });
  return checks;
}

function crossCheck(rules: Rule[], catalogues: ControlCatalogue[], problems: RuleProblem[]): void {
  const byId = new Map<string, Rule>();
  for (const rule of rules) {
    const earlier = byId.get(rule.id);
    if (earlier) {
      problems.push({ ...rule.source, message: `duplicate rule id ${rule.id} (first defined at ${shortPath(earlier.source.file)}:${earlier.source.line})` });
    } else byId.set(rule.id, rule);
  }
  const known = new Map(catalogues.map((c) => [c.framework, new Set(c.controls.map((control) => control.id))]));
  for (const rule of rules) {
    if (rule.replacedBy && !byId.has(rule.replacedBy)) {
      problems.push({ ...rule.source, message: `${rule.id}: replacedBy names unknown rule ${rule.replacedBy}` });
    }
    for (const [framework, ids] of Object.entries(rule.controls)) {
      const catalogue = known.get(framework as ControlCatalogue['framework']);
      if (!catalogue) continue;
      for (const id of ids ?? []) {
        if (!catalogue.has(id)) problems.push({ ...rule.source, message: `${rule.id}: control ${framework}/${id} is not in the ${framework} catalogue` });
      }
    }
  }
}

/** Puts each parameter's value in force into the rule's conditions (texts are filled at judging time). */
function applyParams(rules: Rule[], overrides: ParamOverrides, problems: RuleProblem[]): Rule[] {
  const byId = new Set(rules.map((r) => r.id));
  for (const [id, params] of Object.entries(overrides)) {
    if (!byId.has(id)) problems.push({ file: 'rule parameters', line: 0, message: `no rule ${id} to set parameters on` });
    const rule = rules.find((r) => r.id === id);
    for (const name of Object.keys(params)) {
      if (rule && !(name in rule.params)) problems.push({ file: 'rule parameters', line: 0, message: `rule ${id} has no parameter ${name} (it has: ${Object.keys(rule.params).join(', ') || 'none'})` });
    }
  }
  return rules.map((rule) => {
    const params = { ...rule.params, ...(overrides[rule.id] ?? {}) };
    if (Object.keys(params).length === 0) return rule;
    const fill = <T>(value: T): T => substitute(value, params);
    const tuned: Rule = { ...rule, params, match: fill(rule.match) };
    if (rule.appliesTo) tuned.appliesTo = fill(rule.appliesTo);
    if (rule.assessable) tuned.assessable = fill(rule.assessable);
    return tuned;
  });
}

function substitute<T>(value: T, params: Record<string, number | string>): T {
  if (typeof value === 'string') {
    const whole = /^\{([a-zA-Z0-9]+)\}$/.exec(value);
    if (whole && whole[1]! in params) return params[whole[1]!] as T;
    return value.replace(/\{([a-zA-Z0-9]+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all)) as T;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, params)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, params)])) as T;
  return value;
}

function shortPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
