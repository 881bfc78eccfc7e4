/**
 * A control id as reports cite it, with the framework's version: `cis:v8/4.8`,
 * `iso27001:2022/A.8.9`, `nist80053:r5/RA-5`, `pcidss:4.0.1/11.3.2`, and ASVS in its own
 * requirement notation `asvs:v5.0.0-12.1.1`. A catalogue may give its own template (with
 * {clause}, the clause number at the level assessed, for the Vietnamese catalogues).
 */
export function citeControl(framework: string, id: string, template?: string, clause?: string): string {
  if (template) {
    const value = template.includes('{clause}') && !clause ? template.replace('{clause}', '{id}') : template;
    return value.replace('{id}', id).replace('{clause}', clause ?? id);
  }
  if (framework.startsWith('asvs:')) return `asvs:v${framework.slice(5)}-${id}`;
  return `${framework}/${id}`;
}

/** Every control a finding cites, as one list of citations. */
export function citations(controls: Record<string, readonly string[]>): string[] {
  return Object.entries(controls).flatMap(([framework, ids]) => ids.map((id) => citeControl(framework, id)));
}

/** A clause that is only a group number ("6.5"): the detailed clause at that level is not known. */
export function isGroupClause(clause: string | null): boolean {
  return clause !== null && /^\d+\.\d+$/.test(clause);
}
