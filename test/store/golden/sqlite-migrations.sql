-- 001-init
create table "audits" ("id" integer primary key autoincrement, "uuid" text not null unique, "status" text not null, "started_at" text not null, "ended_at" text, "auditor" text not null, "machine" text not null, "pid" integer not null, "authorization" text, "profile" text not null, "scope_json" text not null, "options_json" text not null, "tool_version" text not null, "rules_version" text not null, "scanners_json" text not null, "stats_json" text) []
create table "audit_targets" ("audit_id" integer not null references "audits" ("id") on delete cascade, "host" text not null, "kind" text not null, "address" text, "urls_json" text not null, "agency" text, "unit" text, "owner" text, "tags_json" text not null, "level" integer, "explicit" integer not null, "up" integer not null, constraint "audit_targets_pk" primary key ("audit_id", "host")) []
create table "audit_rules" ("audit_id" integer not null references "audits" ("id") on delete cascade, "rule_id" text not null, "severity" text not null, "category" text not null, "meta_json" text not null, constraint "audit_rules_pk" primary key ("audit_id", "rule_id")) []
create table "tasks" ("audit_id" integer not null references "audits" ("id") on delete cascade, "host" text not null, "scanner" text not null, "status" text not null, "duration_ms" integer not null, "attempts" integer not null, constraint "tasks_pk" primary key ("audit_id", "host", "scanner")) []
create table "observations" ("id" integer primary key autoincrement, "audit_id" integer not null references "audits" ("id") on delete cascade, "host" text not null, "port" integer, "kind" text not null, "scanner" text not null, "at" text not null, "data_json" text not null) []
create index "observations_audit_host" on "observations" ("audit_id", "host") []
create table "findings" ("id" integer primary key autoincrement, "audit_id" integer not null references "audits" ("id") on delete cascade, "fingerprint" text not null, "rule_id" text not null, "outcome" text not null, "severity" text not null, "category" text not null, "host" text not null, "port" integer, "evidence_key" text not null, "evidence_json" text not null, "title_en" text not null, "title_vi" text not null, "reason" text, "controls_json" text not null, constraint "findings_audit_fingerprint" unique ("audit_id", "fingerprint")) []
create index "findings_audit_outcome" on "findings" ("audit_id", "outcome", "severity") []
create index "findings_fingerprint" on "findings" ("fingerprint") []
-- 002-audit-order-indexes
create index "findings_audit" on "findings" ("audit_id") []
create index "observations_audit" on "observations" ("audit_id") []
-- 003-triage
create table "triage" ("id" integer primary key autoincrement, "fingerprint" text not null, "status" text not null, "reason" text not null, "actor" text not null, "at" text not null, "audit_id" integer) []
create index "triage_fingerprint" on "triage" ("fingerprint", "id") []
-- 004-verify
create table "verifications" ("id" integer primary key autoincrement, "audit_id" integer not null references "audits" ("id"), "original_audit_id" integer not null references "audits" ("id"), "fingerprint" text not null, "rule_id" text not null, "host" text not null, "port" integer, "result" text not null) []
create index "verifications_audit" on "verifications" ("audit_id") []
create index "verifications_original" on "verifications" ("original_audit_id") []
-- 005-triage-until
alter table "triage" add column "until" text []
-- 006-audit-trail
create table "audit_trail" ("id" integer primary key autoincrement, "at" text not null, "actor" text not null, "machine" text not null, "action" text not null, "command" text not null, "audit_id" integer, "detail_json" text not null, "tool_version" text not null, "rules_version" text not null, "prev_hash" text not null, "hash" text not null) []
CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END []
CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END []
-- 007-drills
create table "drill_runs" ("id" integer primary key autoincrement, "drill" text not null, "audit_id" integer not null references "audits" ("id"), "at" text not null) []
create index "drill_runs_drill" on "drill_runs" ("drill", "id") []
-- 008-feeds
create table "feeds" ("id" integer primary key autoincrement, "source" text not null, "name" text not null, "version" text, "data_date" text, "imported_at" text not null, "records" integer not null, "sha256" text not null, constraint "feeds_source_name" unique ("source", "name")) []
create table "advisories" ("feed_id" integer not null references "feeds" ("id"), "advisory_id" text not null, "source" text not null, "ecosystem" text not null, "package" text not null, "ranges_json" text not null, "versions_json" text not null, "cves_json" text not null, "aliases_json" text not null, "cvss" real, "severity" text, "summary" text not null, "references_json" text not null) []
create index "advisories_ecosystem_package" on "advisories" ("ecosystem", "package") []
create index "advisories_package" on "advisories" ("package") []
create index "advisories_feed" on "advisories" ("feed_id") []
create table "kev_entries" ("feed_id" integer not null references "feeds" ("id"), "cve" text not null, "vendor_project" text not null, "product" text not null, "name" text not null, "date_added" text not null, "due_date" text, "ransomware" integer not null) []
create index "kev_entries_feed" on "kev_entries" ("feed_id") []
create table "lifecycle_cycles" ("feed_id" integer not null references "feeds" ("id"), "product" text not null, "cycle" text not null, "release_date" text, "eol_json" text not null, "support_json" text not null, "extended_support_json" text not null, "latest" text, "lts" integer not null) []
create index "lifecycle_cycles_feed" on "lifecycle_cycles" ("feed_id") []
create table "product_releases" ("feed_id" integer not null references "feeds" ("id"), "product" text not null, "version" text not null, "date" text) []
create index "product_releases_feed" on "product_releases" ("feed_id") []
create table "js_extractors" ("feed_id" integer not null references "feeds" ("id"), "library" text not null, "filename_json" text not null, "uri_json" text not null, "filecontent_json" text not null, "hashes_json" text not null) []
create index "js_extractors_feed" on "js_extractors" ("feed_id") []
