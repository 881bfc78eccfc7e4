import { resolve } from 'node:path';
import { builtinRulesDir, loadRules, type RuleBook } from '../rules/load.js';
import type { Rule } from '../rules/schema.js';
import type { RuleSnapshot } from '../store/store.js';
import type { CliContext } from './context.js';

/** Built-in rules, then the config's rule directories, then `--rules`. */
export function ruleDirs(ctx: CliContext, extra: string[] | undefined): string[] {
  return [builtinRulesDir(), ...ctx.config.rules.map((d) => resolve(d)), ...(extra ?? []).map((d) => resolve(d))];
}

export function loadRuleBook(ctx: CliContext, extra: string[] | undefined): RuleBook {
  return loadRules(ruleDirs(ctx, extra));
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
