"""Marks the requests whose reads may go to the replica: visitors' GET and HEAD.

Anyone with a session (signed in, or in the middle of a form), an Authorization
header or on the admin stays on the primary for the whole request. When the
replica fails during a request, the request is served again from the primary:
a visitor never gets a 500 because of the replica.
"""

from django.conf import settings
from django.db import connections

from . import REPLICA_ALIAS, context

READ_METHODS = ("GET", "HEAD")
ADMIN_PREFIX = "/admin/"


def is_anonymous_read(request) -> bool:
    return (
        request.method in READ_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(ADMIN_PREFIX)
    )


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Looked up per request: without a replica configured, nothing changes.
        if REPLICA_ALIAS not in connections.settings or not is_anonymous_read(request):
            return self.get_response(request)
        with context.read_only_request() as state:
            response = self.get_response(request)
        if state.replica_failed and response.status_code >= 500:
            return self.get_response(request)
        return response
