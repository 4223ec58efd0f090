"""Signals of the unit lifecycle. Each docstring is the contract for receivers."""

from django.dispatch import Signal

unit_schema_ready = Signal()
"""Sent while a new unit is being provisioned, after its schema was cloned.

Arguments: ``unit`` (the saved Unit), ``hostname`` (its primary domain).
The connection is already set to the unit's schema and the call runs inside
the provisioning transaction: receivers write the unit's default content
(Wagtail Site, page tree). Raising aborts and rolls back the whole
provisioning, so nothing is left behind.
"""

archived_unit_requested = Signal()
"""Sent when a request reaches the portal of an archived unit, before the 410 notice.

Arguments: ``unit`` (the archived Unit) and ``request``. Runs in the public
schema. A receiver may return an HttpResponse to answer instead (the first
one returned wins), e.g. a redirect to where the unit's content went; None
lets the notice be shown. Active units never send it, so it costs nothing
on an ordinary request.
"""

unit_lifecycle_changed = Signal()
"""Sent after a unit was renamed, moved, archived or restored.

Arguments: ``unit`` and ``action`` (one of "rename", "move", "archive",
"restore"). Runs in the public schema, inside the change's transaction.
"""
