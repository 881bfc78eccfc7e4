import type { Generated } from 'kysely';

/** Table shapes as the database holds them (JSON columns are text). */
export interface AuditsTable {
  id: Generated<number>;
  uuid: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  auditor: string;
  machine: string;
  pid: number;
  authorization: string | null;
  profile: string;
  scope_json: string;
  options_json: string;
  tool_version: string;
  rules_version: string;
  scanners_json: string;
  stats_json: string | null;
}

export interface AuditTargetsTable {
  audit_id: number;
  host: string;
  kind: string;
  address: string | null;
  urls_json: string;
  agency: string | null;
  unit: string | null;
  owner: string | null;
  tags_json: string;
  level: number | null;
  explicit: number;
  up: number;
}

export interface AuditRulesTable {
  audit_id: number;
  rule_id: string;
  severity: string;
  category: string;
  meta_json: string;
}

export interface ObservationsTable {
  id: Generated<number>;
  audit_id: number;
  host: string;
  port: number | null;
  kind: string;
  scanner: string;
  at: string;
  data_json: string;
}

export interface FindingsTable {
  id: Generated<number>;
  audit_id: number;
  fingerprint: string;
  rule_id: string;
  outcome: string;
  severity: string;
  category: string;
  host: string;
  port: number | null;
  evidence_key: string;
  evidence_json: string;
  title_en: string;
  title_vi: string;
  reason: string | null;
  controls_json: string;
}

export interface TasksTable {
  audit_id: number;
  host: string;
  scanner: string;
  status: string;
  duration_ms: number;
  attempts: number;
}

export interface TriageTable {
  id: Generated<number>;
  fingerprint: string;
  status: string;
  reason: string;
  actor: string;
  at: string;
  audit_id: number | null;
  until: string | null;
}

export interface VerificationsTable {
  id: Generated<number>;
  audit_id: number;
  original_audit_id: number;
  fingerprint: string;
  rule_id: string;
  host: string;
  port: number | null;
  result: string;
}

export interface AuditTrailTable {
  id: Generated<number>;
  at: string;
  actor: string;
  machine: string;
  action: string;
  command: string;
  audit_id: number | null;
  detail_json: string;
  tool_version: string;
  rules_version: string;
  prev_hash: string;
  hash: string;
}

export interface DrillRunsTable {
  id: Generated<number>;
  drill: string;
  audit_id: number;
  at: string;
}

export interface FeedsTable {
  id: Generated<number>;
  source: string;
  name: string;
  version: string | null;
  data_date: string | null;
  imported_at: string;
  records: number;
  sha256: string;
}

export interface AdvisoriesTable {
  feed_id: number;
  advisory_id: string;
  source: string;
  ecosystem: string;
  package: string;
  ranges_json: string;
  versions_json: string;
  cves_json: string;
  aliases_json: string;
  cvss: number | null;
  severity: string | null;
  summary: string;
  references_json: string;
}

export interface KevEntriesTable {
  feed_id: number;
  cve: string;
  vendor_project: string;
  product: string;
  name: string;
  date_added: string;
  due_date: string | null;
  ransomware: number;
}

export interface LifecycleCyclesTable {
  feed_id: number;
  product: string;
  cycle: string;
  release_date: string | null;
  eol_json: string;
  support_json: string;
  extended_support_json: string;
  latest: string | null;
  lts: number;
}

export interface ProductReleasesTable {
  feed_id: number;
  product: string;
  version: string;
  date: string | null;
}

export interface JsExtractorsTable {
  feed_id: number;
  library: string;
  filename_json: string;
  uri_json: string;
  filecontent_json: string;
  hashes_json: string;
}

export interface DistributedAuditsTable {
  audit_id: number;
  /** 'running' until every chunk is stored or not assessed, then 'done'. */
  state: string;
  plan_json: string;
}

export interface AuditChunksTable {
  audit_id: number;
  chunk: number;
  segment: string;
  hosts: number;
  /** 'queued' | 'stored' | 'not-assessed' */
  state: string;
  agent: string | null;
  reason: string | null;
  updated_at: string;
  stats_json: string | null;
  job_json: string;
}

export interface DatabaseSchema {
  distributed_audits: DistributedAuditsTable;
  audit_chunks: AuditChunksTable;
  feeds: FeedsTable;
  advisories: AdvisoriesTable;
  kev_entries: KevEntriesTable;
  lifecycle_cycles: LifecycleCyclesTable;
  product_releases: ProductReleasesTable;
  js_extractors: JsExtractorsTable;
  drill_runs: DrillRunsTable;
  audit_trail: AuditTrailTable;
  verifications: VerificationsTable;
  tasks: TasksTable;
  audits: AuditsTable;
  audit_targets: AuditTargetsTable;
  audit_rules: AuditRulesTable;
  observations: ObservationsTable;
  findings: FindingsTable;
  triage: TriageTable;
}
