"""The intake API under /api/v1/ on every unit's host."""

from django.urls import path

from .api import api

urlpatterns = [path("api/v1/", api.urls)]
