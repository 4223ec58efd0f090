"""The syndication screens of a unit's admin (under /admin/lien-thong/)."""

from django.urls import path

from .views import directives, proposals, subscriptions

app_name = "syndication_admin"

urlpatterns = [
    path("de-xuat/", proposals.outbox, name="proposals_sent"),
    path("de-xuat-tu-co-so/", proposals.queue, name="proposals_received"),
    path("de-xuat-tu-co-so/<int:pk>/", proposals.decide, name="proposal_decide"),
    path("chi-dao/", directives.sent, name="directives_sent"),
    path("tin-nhan-duoc/", directives.received, name="received"),
    path("tin-nhan-duoc/<int:pk>/", directives.toggle, name="received_toggle"),
    path("nguon-tin/", subscriptions.index, name="subscriptions"),
    path("nguon-tin/them/", subscriptions.edit, name="subscription_add"),
    path("nguon-tin/<int:pk>/", subscriptions.edit, name="subscription_edit"),
    path("nguon-tin/<int:pk>/xoa/", subscriptions.delete, name="subscription_delete"),
    path("nguon-tin/<int:pk>/lay-tin/", subscriptions.fetch_now, name="subscription_fetch"),
]
