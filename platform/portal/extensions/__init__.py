"""The plugin API: optional modules that units turn on and off.

A plugin is a Django app (under plugins/, or an installed package announcing
itself in the ``portal.plugins`` entry-point group) whose AppConfig subclasses
``portal.extensions.meta.PluginConfig`` and carries a ``PortalPluginMeta``.
Its extension points (page types, home page blocks, admin menu items,
settings panels, ledger kinds, unit signals) reach only the units where it is
active; see each module's docstrings for their contracts.
"""
