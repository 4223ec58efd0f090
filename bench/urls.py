"""The one page of the routing benchmark: a minimal view, no database, no template."""

from django.http import HttpResponse
from django.urls import path


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("ok/", ok)]
