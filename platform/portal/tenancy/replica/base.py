"""The replica alias's database backend: the tenancy backend that reports its failures.

A connection or query error on the replica marks it down (`health`) and tells the
running request (`context`), which the middleware then serves again from the primary.
"""

from django.db.utils import DatabaseErrorWrapper
from django.utils.functional import cached_property

from ..postgresql_backend.base import DatabaseWrapper as TenancyDatabaseWrapper
from . import context, health


class ReplicaErrorWrapper(DatabaseErrorWrapper):
    def __exit__(self, exc_type, exc_value, traceback):
        driver = self.wrapper.Database
        if exc_type is not None and issubclass(
            exc_type, (driver.OperationalError, driver.InterfaceError)
        ):
            health.mark_down()
            request = context.current()
            if request is not None:
                request.replica_failed = True
        super().__exit__(exc_type, exc_value, traceback)


class DatabaseWrapper(TenancyDatabaseWrapper):
    @cached_property
    def wrap_database_errors(self):
        return ReplicaErrorWrapper(self)
