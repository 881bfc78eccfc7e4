import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { builtinRulesDir, loadRules, type ParamOverrides, type RuleBook } from '../rules/load.js';
import type { Rule } from '../rules/schema.js';
import type { RuleSnapshot } from '../store/store.js';
import type { CliContext } from './context.js';

/** Built-in rules, then the config's rule directories, then `--rules`. */
export function ruleDirs(ctx: CliContext, extra: string[] | undefined): string[] {
  return [builtinRulesDir(), ...ctx.config.rules.map((d) => resolve(d)), ...(extra ?? []).map((d) => resolve(d))];
}

export interface RuleTuning {
  /** `--rule-param RULE.NAME=VALUE`, repeatable. */
  ruleParam?: string[];
  /** `--cert-expiry-days N`: the warning window of tls.certificate.expiring-soon. */
  certExpiryDays?: string;
}

export function loadRuleBook(ctx: CliContext, extra: string[] | undefined, tuning: RuleTuning = {}): RuleBook {
  return loadRules(ruleDirs(ctx, extra), ruleOverrides(ctx, tuning));
}

/** The config's `ruleParams`, then `--rule-param`, then the shorthand flags: the last word wins. */
export function ruleOverrides(ctx: CliContext, tuning: RuleTuning): ParamOverrides {
  const overrides: ParamOverrides = {};
  const set = (id: string, name: string, value: number | string) => ((overrides[id] ??= {})[name] = value);
  for (const [id, params] of Object.entries(ctx.config.ruleParams)) for (const [name, value] of Object.entries(params)) set(id, name, value);
  for (const spec of tuning.ruleParam ?? []) {
    const { id, name, value } = parseRuleParam(spec);
    set(id, name, value);
  }
  if (tuning.certExpiryDays !== undefined) {
    const days = Number(tuning.certExpiryDays);
    if (!/^\d+$/.test(tuning.certExpiryDays) || days < 1) throw new UsageError('cli.badNumber', { flag: '--cert-expiry-days', value: tuning.certExpiryDays, min: 1 });
    set('tls.certificate.expiring-soon', 'days', days);
  }
  return overrides;
}

/** `tls.certificate.expiring-soon.days=60`: the rule id is everything before the last dot. */
export function parseRuleParam(spec: string): { id: string; name: string; value: number | string } {
  const match = /^([a-z0-9][a-z0-9.-]*)\.([a-zA-Z][a-zA-Z0-9]*)=(.+)$/.exec(spec.trim());
  if (!match) throw new UsageError('cli.badRuleParam', { value: spec });
  const raw = match[3]!;
  return { id: match[1]!, name: match[2]!, value: /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw };
}

export function snapshotOf(rule: Rule): RuleSnapshot {
  return {
    id: rule.id,
    severity: rule.severity,
    category: rule.category,
    meta: {
      title: rule.title,
      failureTitle: rule.failureTitle,
      description: rule.description,
      remediation: rule.remediation,
      references: rule.references,
      controls: rule.controls,
      tags: rule.tags,
      reads: rule.reads,
    },
  };
}
