/** Strings of the audit workflow: profiles, verify, lifecycle, trends, trail, drills (every id also in workflow-vi.ts). */
export const workflowEn = {
  'profile.unknown': 'there is no scan profile "{name}"; the profiles are: {known} (list them with "rasoat profiles")',
  'profile.badName': '"{name}" is not a profile name: use lower-case letters, digits, - and _',
  'col.profile': 'Profile',
  'col.description': 'Description',
  'col.settings': 'Settings',
} as const;
