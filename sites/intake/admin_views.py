"""The admin pages: the unit's tokens ("Kết nối hệ thống văn bản") and the trust store."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts import access

from . import tokens, trust
from .forms import TokenForm, TrustRootForm
from .models import IntakeToken, TrustRoot


def token_list(request):
    """The unit's tokens; a POST creates one and shows its secret on this answer only."""
    access.require(request, access.ADMINISTER_UNIT)
    unit = request.tenant
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = tokens.create(
            unit, form.cleaned_data["name"], created_by=request.user, request=request
        )
        form = TokenForm()
    return render(
        request,
        "portal_intake/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": IntakeToken.objects.filter(unit=unit).select_related("created_by"),
            "api_url": request.build_absolute_uri("/api/v1/documents/"),
        },
    )


@require_POST
def token_revoke(request, pk: int):
    access.require(request, access.ADMINISTER_UNIT)
    token = get_object_or_404(IntakeToken, pk=pk, unit=request.tenant)
    if tokens.revoke(token, request=request):
        messages.success(request, _("Đã thu hồi mã kết nối “%(name)s”.") % {"name": token.name})
    return redirect("portal_intake:tokens")


def trust_roots(request):
    access.require(request, access.ADMINISTER_NETWORK)
    form = TrustRootForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = trust.add(form.cleaned_data["certificate"], request=request)
        except ValueError:
            form.add_error("certificate", _("Tệp không chứa chứng thư hợp lệ."))
        else:
            if added:
                messages.success(
                    request, _("Đã thêm %(count)s chứng thư gốc.") % {"count": len(added)}
                )
            else:
                messages.info(request, _("Chứng thư này đã có trong danh sách tin cậy."))
            return redirect("portal_intake:trust_roots")
    return render(
        request, "portal_intake/trust_roots.html", {"form": form, "roots": TrustRoot.objects.all()}
    )


@require_POST
def trust_root_remove(request, pk: int):
    access.require(request, access.ADMINISTER_NETWORK)
    root = get_object_or_404(TrustRoot, pk=pk)
    trust.remove(root, request=request)
    messages.success(request, _("Đã gỡ chứng thư gốc “%(subject)s”.") % {"subject": root.subject})
    return redirect("portal_intake:trust_roots")
