"""WSGI entry point (gunicorn portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Templates, URL resolvers, catalogues and a first few pages served before the first
# visitor (in gunicorn's master with preload_app, so every worker starts with them).
from portal.theme.warm_up import warm_up, warm_up_pages  # noqa: E402 -- needs the settings

warm_up()
warm_up_pages(application)
