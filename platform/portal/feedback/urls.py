"""The public feedback pages of every portal, under /gop-y/."""

from django.urls import path

from . import views

app_name = "portal_feedback"
urlpatterns = [
    path("", views.feedback_form, name="form"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("tra-cuu/<str:code>/", views.track, name="track"),
    path("hoi-dap/", views.questions_and_answers, name="answers"),
]
