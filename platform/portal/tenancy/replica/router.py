"""The database router: a read-only request's reads on the replica, in the unit's schema.

django-tenants sets the unit on the default connection only (the routing middleware,
`schema_context`); before each read sent to the replica, its connection takes the
same schema and search_path. Writes, reads for update (get_or_create's look-up,
select_for_update), reads inside a transaction and every read after a statement
that wrote on the primary stay there, so a request always sees what it wrote.
TenantSyncRouter (after this one) keeps migrations on the primary.
"""

from django.db import DEFAULT_DB_ALIAS, connections

from . import REPLICA_ALIAS, context, health


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        request = context.current()
        if request is None or request.wrote or request.replica_failed:
            return None
        primary = connections[DEFAULT_DB_ALIAS]
        if primary.in_atomic_block or not health.replica_is_usable():
            return None
        follow_unit(primary, connections[REPLICA_ALIAS])
        return REPLICA_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read on either relates to the other's.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA_ALIAS, None} or None


def follow_unit(primary, replica) -> None:
    """Give the replica connection the primary connection's schema (and search_path)."""
    if (replica.schema_name, replica.include_public_schema) != (
        primary.schema_name,
        primary.include_public_schema,
    ):
        replica.set_tenant(primary.tenant, primary.include_public_schema)


def reading_connection():
    """The connection for raw SQL that only reads: the replica's where the router would read
    there (a read-only request, the replica usable), else the primary's."""
    return connections[ReplicaRouter().db_for_read(None) or DEFAULT_DB_ALIAS]
