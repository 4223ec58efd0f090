"""The database backend: django-tenants' own, with content types cached per schema."""
