"""The pages benchmark's URLs: the minimal view (the baseline) beside every portal URL."""

from django.urls import path

from bench.urls import ok
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("ok/", ok), *portal_urlpatterns]
