"""The portal's own error pages: 400 for refused input, 503 while the database, Redis or
the media bucket is away.

Django renders its default 400 and 500 pages without the request, so the portal's
templates (which need the unit) could not be used; these views pass it.
"""

from __future__ import annotations

import logging
import sys

from botocore.exceptions import ConnectTimeoutError, EndpointConnectionError, ReadTimeoutError
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.template.response import SimpleTemplateResponse
from django.views.defaults import server_error as django_server_error
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Seconds a browser or a proxy is asked to wait before trying again during an outage.
RETRY_AFTER_SECONDS = 30


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def service_unavailable(request) -> SimpleTemplateResponse:
    """The outage page: reads nothing from the database (it may be what is missing)."""
    response = SimpleTemplateResponse("503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response.render()


def server_error(request):
    """A 503 page when the database, Redis (routing, caches, sessions) or the media bucket is
    unreachable; Django's 500 otherwise."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.error("The database is unreachable: answering 503.")
        return service_unavailable(request)
    if isinstance(error, (RedisConnectionError, RedisTimeoutError)):
        logger.error("Redis is unreachable: answering 503.")
        return service_unavailable(request)
    if isinstance(error, (EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError)):
        logger.error("The media bucket is unreachable: answering 503.")
        return service_unavailable(request)
    return django_server_error(request)
