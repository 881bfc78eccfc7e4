import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError, RasoatError } from '../errors.js';
import type { TargetGroup } from '../model/target.js';
import { issuePath, parseYamlLocated, type YamlPath } from '../yaml.js';
import { EXCLUSION_LIMITS, parseTarget, type ParseLimits, type TargetEntry } from './parse.js';

const targetList = z.array(z.string().min(1));

const groupSchema = z.strictObject({
  agency: z.string().min(1),
  unit: z.string().min(1).optional(),
  owner: z.string().min(1).optional(),
  tags: z.array(z.string().min(1)).default([]),
  level: z.number().int().min(1).max(5).optional(),
  segment: z.string().min(1).optional(),
  targets: targetList.min(1),
});

const fileSchema = z.strictObject({
  authorization: z.string().min(1).optional(),
  exclude: targetList.default([]),
  resolve: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
  groups: z.array(groupSchema).default([]),
  targets: targetList.default([]),
});

export interface GroupedEntry {
  entry: TargetEntry;
  group?: TargetGroup;
}

export interface TargetsFile {
  file: string;
  authorization?: string;
  entries: GroupedEntry[];
  exclude: string[];
  resolve: Record<string, string[]>;
}

export function loadTargetsFile(file: string, limits: ParseLimits): TargetsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError('file.unreadable', { file, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  return parseTargetsFile(text, file, limits);
}

export function parseTargetsFile(text: string, file: string, limits: ParseLimits): TargetsFile {
  const located = parseYamlLocated(text, file);
  const parsed = fileSchema.safeParse(located.value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issuePath(issue);
    throw new InputError('file.invalid', {
      file,
      line: located.lineOf(path),
      detail: `${path.length ? path.join('.') + ': ' : ''}${issue?.message ?? 'invalid'}`,
    });
  }
  const data = parsed.data;
  const entries: GroupedEntry[] = [];
  const parseAt = (spec: string, path: YamlPath, parseLimits = limits): TargetEntry => {
    try {
      return parseTarget(spec, parseLimits);
    } catch (error) {
      if (error instanceof RasoatError) {
        throw new InputError(error.messageId, { ...error.params, file, line: located.lineOf(path) });
      }
      throw error;
    }
  };

  data.groups.forEach((g, gi) => {
    const group: TargetGroup = { agency: g.agency, tags: g.tags };
    if (g.unit) group.unit = g.unit;
    if (g.owner) group.owner = g.owner;
    if (g.level) group.level = g.level;
    if (g.segment) group.segment = g.segment;
    g.targets.forEach((spec, ti) => entries.push({ entry: parseAt(spec, ['groups', gi, 'targets', ti]), group }));
  });
  data.targets.forEach((spec, ti) => entries.push({ entry: parseAt(spec, ['targets', ti]) }));
  if (entries.length === 0) throw new InputError('file.noTargets', { file, line: 1 });
  data.exclude.forEach((spec, i) => parseAt(spec, ['exclude', i], EXCLUSION_LIMITS));

  const resolve: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(data.resolve)) resolve[name] = Array.isArray(value) ? value : [value];

  const result: TargetsFile = { file, entries, exclude: data.exclude, resolve };
  if (data.authorization) result.authorization = data.authorization;
  return result;
}
