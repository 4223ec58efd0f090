"""WSGI entry point (gunicorn portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Templates, URL resolvers and catalogues ready before the first page (in gunicorn's
# master with preload_app, so every worker starts with them).
from portal.theme.warm_up import warm_up  # noqa: E402 -- needs the settings above

warm_up()
