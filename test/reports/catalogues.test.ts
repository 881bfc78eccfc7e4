import { describe, expect, it } from 'vitest';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { FRAMEWORKS, type ControlCatalogue } from '../../src/rules/schema.js';

const book = loadRules([builtinRulesDir()]);
const catalogue = (framework: (typeof FRAMEWORKS)[number]): ControlCatalogue => book.catalogues.find((c) => c.framework === framework)!;

/** Ids rules and earlier audits already cite: they must never change. */
const STABLE: Record<string, string[]> = {
  'tcvn14423:2026': ['secure-config.insecure-services', 'network.remote-admin-secure', 'network.per-service-access', 'network.remote-access-restricted', 'data.transmission-encryption', 'secure-config.baseline'],
  'tcvn11930:2017': ['network.external-access-control', 'network.device-protection', 'server.access-control', 'server.intrusion-prevention', 'app.communications-confidentiality'],
  'asvs:5.0.0': ['12.3.1', '12.1.1', '12.1.2', '12.1.4', '12.2.1', '12.2.2', '12.3.4'],
  'cis:v8': ['4.4', '4.6', '4.8', '3.10'],
  'iso27001:2022': ['A.8.20', 'A.8.21', 'A.8.24', 'A.5.14'],
  'nist80053:r5': ['CM-7', 'SC-7', 'AC-17', 'SC-8', 'SC-13', 'SC-12', 'SC-17'],
  'pcidss:4.0.1': ['1.2.5', '2.2.4', '2.2.5', '2.2.7', '4.2.1', '4.2.1.1', '12.3.3'],
};

describe('control catalogues', () => {
  it('exist for every framework a rule may cite', () => {
    expect(book.catalogues.map((c) => c.framework).sort()).toEqual([...FRAMEWORKS].sort());
  });

  it('keep every control id already in use', () => {
    for (const [framework, ids] of Object.entries(STABLE)) {
      const known = new Set(catalogue(framework as (typeof FRAMEWORKS)[number]).controls.map((c) => c.id));
      expect(ids.filter((id) => !known.has(id)), framework).toEqual([]);
    }
  });

  it('have unique ids, a revision, and titles in both languages that differ', () => {
    for (const c of book.catalogues) {
      const ids = c.controls.map((x) => x.id);
      expect(new Set(ids).size, c.framework).toBe(ids.length);
      expect(c.revision, c.framework).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const control of c.controls) expect(control.title.vi, `${c.framework}/${control.id}`).not.toBe(control.title.en);
    }
  });

  it('say what documents a control needs when no check category can evidence it', () => {
    const silent = book.catalogues.flatMap((c) => c.controls.filter((x) => x.categories.length === 0 && !x.documents && !x.equivalent).map((x) => `${c.framework}/${x.id}`));
    expect(silent).toEqual([]);
  });

  it('store the Vietnamese clause numbers per level, for every control', () => {
    for (const framework of ['tcvn14423:2026', 'tcvn11930:2017', 'circular12:2022'] as const) {
      const missing = catalogue(framework).controls.filter((c) => !c.clauses || Object.keys(c.clauses).length === 0).map((c) => c.id);
      expect(missing, framework).toEqual([]);
    }
    const tcvn = catalogue('tcvn14423:2026');
    const find = (id: string) => tcvn.controls.find((c) => c.id === id)!;
    // Group numbers shift from level 3 on (research §1.4): stored, never computed.
    expect(find('mgmt.personnel').clauses).toEqual({ '1': '3.13', '2': '4.13', '3': '5.14', '4': '6.14', '5': '7.14' });
    expect(find('appdev.error-handling').clauses).toMatchObject({ '3': '5.17.2.3', '4': '6.16' });
    expect(find('data.transmission-encryption').clauses?.['2']).toBeUndefined();
  });

  it('mark what is not verified against the official text', () => {
    expect(catalogue('tcvn14423:2026').controls.every((c) => !c.verified)).toBe(true);
    const pci = catalogue('pcidss:4.0.1');
    const verified = pci.controls.filter((c) => c.verified).map((c) => c.id).sort();
    expect(verified).toEqual(['11.3.1', '11.3.2', '12.3.3', '2.2.4', '2.2.5', '4.2.1', '4.2.1.1']);
  });

  it('mark the legacy Vietnamese catalogues and what replaced them', () => {
    for (const framework of ['tcvn11930:2017', 'circular12:2022'] as const) expect(catalogue(framework)).toMatchObject({ legacy: true, replacedBy: 'tcvn14423:2026' });
    expect(catalogue('tcvn14423:2026').legacy).toBe(false);
  });

  it('point Circular 12 rows at TCVN 11930 controls that exist', () => {
    const circular = catalogue('circular12:2022');
    const tcvn = new Set(catalogue('tcvn11930:2017').controls.map((c) => c.id));
    const dangling = circular.controls.flatMap((c) => (c.equivalent ?? []).filter((id) => !tcvn.has(id)).map((id) => `${c.id} → ${id}`));
    expect(circular.equivalentFramework).toBe('tcvn11930:2017');
    expect(dangling).toEqual([]);
  });

  it('cite ids with their version', () => {
    expect(catalogue('asvs:5.0.0').cite).toBe('asvs:v5.0.0-{id}');
    for (const c of book.catalogues) expect(c.cite, c.framework).toMatch(/\{(id|clause)\}/);
  });
});
