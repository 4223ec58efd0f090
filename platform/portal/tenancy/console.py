"""Views of the network console ("Mạng lưới"), for network administrators only."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.accounts import access

from . import provisioning
from .addresses import portal_url
from .forms import EditUnitForm, ProvisionUnitForm
from .models import Unit
from .provisioning import ProvisioningError, UnitSpec


def _apply_errors(form, error: ProvisioningError) -> None:
    for field_name, field_messages in error.errors.items():
        target = field_name if field_name in form.fields else None
        for message in field_messages:
            form.add_error(target, message)


def create_unit(request, model_admin):
    access.require(request, access.ADMINISTER_NETWORK)
    form = ProvisionUnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        spec = UnitSpec(
            name=data["name"],
            code=data["code"],
            level=data["level"].code,
            domains=form.domain_list(),
            parent_code=data["parent"].code if data["parent"] else None,
            admin_email=data["admin_email"] or None,
        )
        try:
            result = provisioning.provision(spec)
        except ProvisioningError as error:
            _apply_errors(form, error)
        else:
            url = portal_url(result.domains[0], request)
            messages.success(
                request,
                format_html(
                    _('Đã tạo cổng thông tin {name}: <a href="{url}">{url}</a>.'),
                    name=result.unit.name,
                    url=url,
                ),
            )
            if result.admin_password:
                messages.info(
                    request,
                    _("Tài khoản quản trị %(email)s, mật khẩu tạm: %(password)s (hãy đổi ngay).")
                    % {"email": result.admin_email, "password": result.admin_password},
                )
            return redirect(model_admin.url_helper.index_url)
    return TemplateResponse(
        request,
        "portal_tenancy/unit_form.html",
        {"form": form, "title": _("Tạo đơn vị mới"), "model_admin": model_admin},
    )


def edit_unit(request, model_admin, instance_pk):
    unit = access.access_object(
        request, Unit.objects, read=access.ADMINISTER_NETWORK, pk=instance_pk
    )
    initial = {"name": unit.name, "parent": unit.get_parent()}
    form = EditUnitForm(request.POST or None, unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["name"] != unit.name:
                provisioning.rename(unit, form.cleaned_data["name"])
            new_parent = form.cleaned_data["parent"]
            if (new_parent.pk if new_parent else None) != (
                initial["parent"].pk if initial["parent"] else None
            ):
                provisioning.move(unit, new_parent)
        except ProvisioningError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã cập nhật đơn vị %(name)s.") % {"name": unit.name})
            return redirect(model_admin.url_helper.index_url)
    return TemplateResponse(
        request,
        "portal_tenancy/unit_form.html",
        {
            "form": form,
            "title": _("Sửa đơn vị %(name)s") % {"name": unit.name},
            "unit": unit,
            "model_admin": model_admin,
        },
    )


def change_status(request, model_admin, instance_pk, action: str):
    """Archive or restore a unit, after confirmation (POST only changes anything)."""
    unit = access.access_object(
        request, Unit.objects, read=access.ADMINISTER_NETWORK, pk=instance_pk
    )
    if request.method == "POST":
        getattr(provisioning, action)(unit)
        done = _("Đã lưu trữ %(name)s.") if action == "archive" else _("Đã khôi phục %(name)s.")
        messages.success(request, done % {"name": unit.name})
        return redirect(model_admin.url_helper.index_url)
    return TemplateResponse(
        request,
        "portal_tenancy/unit_confirm_status.html",
        {"unit": unit, "action": action, "model_admin": model_admin},
    )
