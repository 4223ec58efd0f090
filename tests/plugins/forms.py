"""Submitting Wagtail admin page forms as a browser would: every default the form carries,
plus the fields a test sets."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormDefaults(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id or self.inside
            return
        if not self.inside or not attrs.get("name"):
            if tag == "option" and self._select and "selected" in attrs:
                self.values[self._select] = attrs.get("value", "")
            return
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            elif kind not in ("submit", "file", "button"):
                self.values[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self.inside = False

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def page_form_defaults(html: str) -> dict[str, str]:
    parser = _FormDefaults("page-edit-form")
    parser.feed(html)
    return parser.values


def submit_page_form(client, url: str, fields: dict, publish: bool = True):
    """GET the admin page form at `url`, then POST its defaults updated with `fields`."""
    shown = client.get(url)
    assert shown.status_code == 200, f"{url} answered {shown.status_code}"
    data = page_form_defaults(shown.content.decode())
    data.update(fields)
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(url, data)
