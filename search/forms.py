"""Reading a search request (page or API) into a SearchQuery, with clear messages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .query import SCOPES, SORTS, SearchQuery
from .validation import QueryError, clean_text

MAX_PAGE = 50
MAX_FILTER_VALUES = 10
SCOPE_LABELS = {
    "portal": _("Cổng này"),
    "subtree": _("Cổng này và các đơn vị trực thuộc"),
    "network": _("Toàn mạng lưới"),
}
SORT_LABELS = {"relevance": _("Phù hợp nhất"), "date": _("Mới nhất")}


class MultipleValuesField(forms.Field):
    """Repeated query parameters (?kind=a&kind=b), each stripped, at most MAX_FILTER_VALUES."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, max_length: int = 200, **kwargs):
        self.max_length = max_length
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        values = [str(item).strip() for item in (value or []) if str(item).strip()]
        if len(values) > MAX_FILTER_VALUES:
            raise ValidationError(
                _("Quá nhiều giá trị lọc: tối đa %(limit)d."), params={"limit": MAX_FILTER_VALUES}
            )
        if any("\x00" in item for item in values):
            raise ValidationError(_("Giá trị lọc chứa ký tự không hợp lệ."))
        if any(len(item) > self.max_length for item in values):
            raise ValidationError(_("Giá trị lọc quá dài."))
        return tuple(dict.fromkeys(values))


class IntegerValuesField(MultipleValuesField):
    def __init__(self, *, minimum: int, maximum: int, **kwargs):
        self.minimum, self.maximum = minimum, maximum
        super().__init__(max_length=20, **kwargs)

    def to_python(self, value):
        values = super().to_python(value)
        try:
            numbers = tuple(int(item) for item in values)
        except ValueError:
            raise ValidationError(_("Giá trị lọc phải là số.")) from None
        if any(not self.minimum <= number <= self.maximum for number in numbers):
            raise ValidationError(_("Giá trị lọc nằm ngoài khoảng cho phép."))
        return numbers


class SearchForm(forms.Form):
    """The search parameters, as the page's form and the API accept them."""

    q = forms.CharField(label=_("Từ khóa tìm kiếm"), required=False, strip=False)
    scope = forms.ChoiceField(
        label=_("Phạm vi"), choices=list(SCOPE_LABELS.items()), required=False
    )
    kind = MultipleValuesField(label=_("Loại nội dung"), max_length=40)
    doc_type = MultipleValuesField(label=_("Loại văn bản"), max_length=60)
    unit = IntegerValuesField(label=_("Đơn vị"), minimum=1, maximum=2**62)
    issuer = MultipleValuesField(label=_("Cơ quan ban hành"))
    year = IntegerValuesField(label=_("Năm"), minimum=1900, maximum=2999)
    date_from = forms.DateField(label=_("Từ ngày"), required=False)
    date_to = forms.DateField(label=_("Đến ngày"), required=False)
    signed = forms.BooleanField(label=_("Có chữ ký số hợp lệ"), required=False)
    sort = forms.ChoiceField(label=_("Sắp xếp"), choices=list(SORT_LABELS.items()), required=False)
    page = forms.IntegerField(label=_("Trang"), required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, data, *, default_scope: str = "portal", **kwargs):
        super().__init__(data, **kwargs)
        self.default_scope = default_scope
        # clean_text drops control characters (NUL included) and checks the length itself.
        self.fields["q"].validators = []

    def clean_q(self):
        try:
            return clean_text(self.cleaned_data.get("q"))
        except QueryError as error:
            raise ValidationError(error.message) from None

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned

    def search_query(self, unit_id: int, page_size: int = 20) -> SearchQuery:
        """The query for a valid form, searched from the portal of `unit_id`."""
        data = self.cleaned_data
        return SearchQuery(
            text=data["q"],
            scope=data["scope"] if data["scope"] in SCOPES else self.default_scope,
            unit_id=unit_id,
            kinds=data["kind"],
            doc_types=data["doc_type"],
            unit_ids=data["unit"],
            issuers=data["issuer"],
            years=data["year"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            signed_only=data["signed"],
            sort=data["sort"] if data["sort"] in SORTS else "relevance",
            page=data["page"] or 1,
            page_size=page_size,
        )

    def first_error(self) -> str:
        """The first message, naming its field, for an answer with room for one."""
        for name, errors in self.errors.items():
            if name in self.fields and name != "q":
                return f"{self.fields[name].label}: {errors[0]}"
            return str(errors[0])
        return ""


def form_from_request(request, **kwargs) -> SearchForm:
    """The form bound to the request's query string (repeated parameters kept)."""
    data = {}
    for name in ("q", "scope", "date_from", "date_to", "signed", "sort", "page"):
        if name in request.GET:
            data[name] = request.GET.get(name)
    for name in ("kind", "doc_type", "unit", "issuer", "year"):
        data[name] = request.GET.getlist(name)
    return SearchForm(data, **kwargs)
