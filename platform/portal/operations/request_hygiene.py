"""Refuses what no browser sends: control characters in the path, the query or form data.

PostgreSQL cannot store a NUL, XML feeds cannot carry control characters, and no
form of the portal expects them; a view would fail on them deep down (a 500). Here
they are refused once, at the edge, with the portal's 400 page. Tab, line feed and
carriage return stay allowed in values (text areas send them).
"""

from __future__ import annotations

import re

from django.http import QueryDict

from .error_pages import bad_request

CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _hostile_values(data: QueryDict) -> bool:
    return any(
        CONTROL_IN_VALUE.search(key) or any(CONTROL_IN_VALUE.search(value) for value in values)
        for key, values in data.lists()
    )


def is_hostile(request) -> bool:
    if CONTROL_IN_PATH.search(request.path_info) or _hostile_values(request.GET):
        return True
    # Only forms (urlencoded, multipart) fill POST; reading it here is what CSRF does anyway.
    return request.method == "POST" and _hostile_values(request.POST)


class RequestHygieneMiddleware:
    """Answers 400 to a request carrying control characters (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_hostile(request):
            return bad_request(request)
        return self.get_response(request)
