from django.urls import path

from .api import search_api, suggest_api
from .views import search_page

urlpatterns = [
    path("tim-kiem/", search_page, name="search"),
    path("api/search/", search_api, name="search_api"),
    path("api/search/suggest/", suggest_api, name="search_suggest"),
]
