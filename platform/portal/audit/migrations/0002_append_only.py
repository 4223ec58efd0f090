"""The database itself refuses to change or delete audit entries."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION portal_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'portal_audit_auditentry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER portal_audit_append_only
    BEFORE UPDATE OR DELETE ON portal_audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION portal_audit_refuse_change();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS portal_audit_append_only ON portal_audit_auditentry;
DROP FUNCTION IF EXISTS portal_audit_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("portal_audit", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
