-- SPEC 9 / issue 9: the audit logs are append-only. The database itself refuses UPDATE, DELETE
-- and TRUNCATE on them, whatever code or console runs the statement. See docs/decisions/audit.md.
CREATE OR REPLACE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计记录只可追加，不可修改或删除：% on % refused (append-only audit log)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege', HINT = 'Record a new event instead.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER call_status_events_append_only BEFORE UPDATE OR DELETE ON call_status_events FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER call_status_events_no_truncate BEFORE TRUNCATE ON call_status_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER supervision_replies_append_only BEFORE UPDATE OR DELETE ON supervision_replies FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER supervision_replies_no_truncate BEFORE TRUNCATE ON supervision_replies FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER knowledge_article_versions_append_only BEFORE UPDATE OR DELETE ON knowledge_article_versions FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER knowledge_article_versions_no_truncate BEFORE TRUNCATE ON knowledge_article_versions FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER calendar_days_append_only BEFORE UPDATE OR DELETE ON calendar_days FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER calendar_days_no_truncate BEFORE TRUNCATE ON calendar_days FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
