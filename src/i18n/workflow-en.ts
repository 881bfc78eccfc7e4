/** Strings of the audit workflow: profiles, verify, lifecycle, trends, trail, drills (every id also in workflow-vi.ts). */
export const workflowEn = {
  'profile.unknown': 'there is no scan profile "{name}"; the profiles are: {known} (list them with "rasoat profiles")',
  'profile.badName': '"{name}" is not a profile name: use lower-case letters, digits, - and _',
  'col.profile': 'Profile',
  'col.description': 'Description',
  'col.settings': 'Settings',
  'col.result': 'Result',
  'col.fingerprint': 'Fingerprint',

  'verify.nothing': 'nothing to verify: the audits named have no open failures (accepted risks and false positives are left out)',
  'verify.noFailure': 'no failing finding has the fingerprint "{fingerprint}": copy it from "rasoat show --json" or "rasoat findings"',
  'verify.ambiguous': '"{fingerprint}" is the start of more than one fingerprint: give more of it',
  'verify.header': 'Verify audit #{id}: {fixed} fixed, {still} still present, {unverified} could not be verified',
  'verify.fixed': 'fixed',
  'verify.still-present': 'still present',
  'verify.could-not-verify': 'could not verify',
} as const;
