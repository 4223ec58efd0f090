"""The Users screen of a unit's admin shows and edits only that unit's people.

Accounts are global, so Wagtail's stock screen would list (and let a site
administrator edit) every account of the network. Here a site administrator
sees the accounts holding a role in this unit; network administrators' accounts
and account-wide fields (name, e-mail, password, active) stay with network
administrators: a site administrator edits only a person's roles in the unit.
Accounts are never deleted from a unit's admin: rows in other units' schemas
refer to them; deactivate an account instead.
"""

from wagtail.users.views import users

from .access import is_network_admin


def scope_to_unit(queryset, user):
    if is_network_admin(user):
        return queryset
    return queryset.filter(groups__isnull=False, is_superuser=False).distinct()


class IndexView(users.IndexView):
    def get_base_queryset(self):
        return scope_to_unit(super().get_base_queryset(), self.request.user)


class EditView(users.EditView):
    def get_object(self, queryset=None):
        queryset = scope_to_unit(self.model._default_manager.all(), self.request.user)
        return super().get_object(queryset)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not is_network_admin(self.request.user):
            for name, field in form.fields.items():
                if name != "groups":
                    field.disabled = True
                    field.required = False
        return form


class DeleteView(users.DeleteView):
    def get_object(self, queryset=None):
        return super().get_object(self.model._default_manager.none())


class UnitUserViewSet(users.UserViewSet):
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
