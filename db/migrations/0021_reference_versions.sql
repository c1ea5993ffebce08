CREATE TABLE "reference_versions" (
	"kind" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "reference_versions" ("kind") VALUES ('calendar'), ('policies'), ('assignments'), ('repeatSettings'), ('rules'), ('units');--> statement-breakpoint
CREATE FUNCTION bump_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reference_versions SET version = version + 1 WHERE kind = TG_ARGV[0];
  IF NOT FOUND THEN
    RAISE EXCEPTION 'reference_versions has no row %', TG_ARGV[0];
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER calendar_days_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version('calendar');--> statement-breakpoint
CREATE TRIGGER calendar_confirmations_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_confirmations FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version('calendar');--> statement-breakpoint
CREATE TRIGGER sla_policies_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sla_policies FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version('policies');--> statement-breakpoint
CREATE TRIGGER policy_assignments_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON policy_assignments FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version('assignments');--> statement-breakpoint
CREATE TRIGGER repeat_settings_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON repeat_settings FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version('repeatSettings');--> statement-breakpoint
CREATE TRIGGER dispatch_rules_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dispatch_rules FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version('rules');--> statement-breakpoint
CREATE TRIGGER units_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version('units');
