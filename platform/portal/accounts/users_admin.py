"""The Users screen of a unit's admin shows and edits only that unit's people.

Accounts are global, so Wagtail's stock screen would list (and let a site
administrator edit) every account of the network. Here a site administrator
sees the accounts holding a role in this unit; network administrators' accounts
and deletion (which would remove a person network-wide) stay with network
administrators.
"""

from wagtail.users.views import users


def scope_to_unit(queryset, user):
    if user.is_superuser:
        return queryset
    return queryset.filter(groups__isnull=False, is_superuser=False).distinct()


class IndexView(users.IndexView):
    def get_base_queryset(self):
        return scope_to_unit(super().get_base_queryset(), self.request.user)


class EditView(users.EditView):
    def get_object(self, queryset=None):
        queryset = scope_to_unit(self.model._default_manager.all(), self.request.user)
        return super().get_object(queryset)


class DeleteView(users.DeleteView):
    def get_object(self, queryset=None):
        queryset = self.model._default_manager.all()
        if not self.request.user.is_superuser:
            queryset = queryset.none()
        return super().get_object(queryset)


class UnitUserViewSet(users.UserViewSet):
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
