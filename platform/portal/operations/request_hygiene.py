"""Refuses what no browser sends: control characters in the path or the query, NUL in forms.

PostgreSQL cannot store a NUL, XML feeds cannot carry control characters, and no
link of the portal holds them; a view would fail on them deep down (a 500). Here
they are refused once, at the edge, with the portal's 400 page (JSON under /api/).
Query values may hold tab, line feed and carriage return; form data is refused
only for a NUL (text pasted into a text area may carry other control characters,
and the form's own validation keeps what was typed).
"""

from __future__ import annotations

import re

from django.http import JsonResponse, QueryDict

from .error_pages import bad_request

CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_QUERY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NUL = re.compile(r"\x00")
API_PREFIX = "/api/"
REFUSAL = "Yêu cầu chứa ký tự không hợp lệ (ký tự NUL hoặc ký tự điều khiển)."


def _carries(data: QueryDict, pattern: re.Pattern) -> bool:
    return any(
        pattern.search(key) or any(pattern.search(value) for value in values)
        for key, values in data.lists()
    )


def is_hostile(request) -> bool:
    if CONTROL_IN_PATH.search(request.path_info) or _carries(request.GET, CONTROL_IN_QUERY):
        return True
    # Only forms (urlencoded, multipart) fill POST; reading it here is what CSRF does anyway.
    return request.method == "POST" and _carries(request.POST, NUL)


class RequestHygieneMiddleware:
    """Answers 400 to a request carrying control characters (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_hostile(request):
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse({"error": REFUSAL}, status=400)
        return bad_request(request)
