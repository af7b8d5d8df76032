"""What a browser sends when a person presses a form's button without changing anything.

`submission(html, ...)` reads a page's form the way the HTML standard's form submission does:
every enabled, named control in the form (or tied to it with `form=`), checked boxes only, the
selected options of a select (the first option when none is selected), a textarea's text, and
the one submit button pressed. File inputs are sent empty, as a browser does when no new file
was chosen. Tests post that back to see whether an untouched form saves.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

_NOT_SENT = {"submit", "image", "reset", "button", "file"}


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    form_id: str
    data: list = field(default_factory=list)  # [(name, value)], in document order
    files: list = field(default_factory=list)  # names of file inputs (sent empty)
    buttons: list = field(default_factory=list)  # [(name, value)] of submit buttons

    def post_data(self, button=None):
        """The body as a dict of lists, for Django's test client (multipart)."""
        data = {}
        for name, value in self.data:
            data.setdefault(name, []).append(value)
        if button is not None:
            name, value = next((n, v) for n, v in self.buttons if n == button)
            data.setdefault(name, []).append(value)
        return data


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._open = None  # the <form> we are inside
        self._by_id = {}
        self._pending = []  # controls outside their form, tied to it by form="id"
        self._select = None  # (form, name, multiple, options [(value, selected)], disabled)
        self._option = None
        self._textarea = None  # (form, name, chunks, disabled)
        self._disabled_fieldsets = 0

    def _form_for(self, attrs):
        owner = attrs.get("form")
        if owner:
            return self._by_id.get(owner) or owner
        return self._open

    def handle_starttag(self, tag, attrs_list):
        attrs = dict(attrs_list)
        if tag == "form":
            self._open = Form(
                action=attrs.get("action") or "",
                method=(attrs.get("method") or "get").lower(),
                enctype=attrs.get("enctype") or "application/x-www-form-urlencoded",
                form_id=attrs.get("id") or "",
            )
            self.forms.append(self._open)
            if self._open.form_id:
                self._by_id[self._open.form_id] = self._open
        elif tag == "fieldset" and "disabled" in attrs:
            self._disabled_fieldsets += 1
        elif tag == "input":
            self._input(attrs)
        elif tag == "button":
            form = self._form_for(attrs)
            kind = (attrs.get("type") or "submit").lower()
            if form is not None and kind == "submit" and attrs.get("name") and "disabled" not in attrs:
                self._add(form, "buttons", (attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self._select = (self._form_for(attrs), attrs.get("name"), "multiple" in attrs, [], self._off(attrs))
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs, []]
            self._select[3].append(self._option)
        elif tag == "textarea":
            self._textarea = (self._form_for(attrs), attrs.get("name"), [], self._off(attrs))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[2].append(data)
        elif self._option is not None:
            self._option[2].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None
        elif tag == "fieldset" and self._disabled_fieldsets:
            self._disabled_fieldsets -= 1
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            form, name, multiple, options, disabled = self._select
            self._select = self._option = None
            if form is None or not name or disabled:
                return
            chosen = [o for o in options if o[1]]
            if not chosen and not multiple and options:
                chosen = options[:1]
            for value, _selected, text in chosen:
                self._add(form, "data", (name, value if value is not None else "".join(text).strip()))
        elif tag == "textarea" and self._textarea is not None:
            form, name, chunks, disabled = self._textarea
            self._textarea = None
            if form is not None and name and not disabled:
                text = "".join(chunks)
                # The parser drops nothing; a browser drops one newline straight after <textarea>,
                # and sends every line break as CRLF.
                text = text[1:] if text.startswith("\n") else text
                self._add(form, "data", (name, text.replace("\r\n", "\n").replace("\n", "\r\n")))

    def _off(self, attrs):
        return "disabled" in attrs or self._disabled_fieldsets > 0

    def _input(self, attrs):
        form = self._form_for(attrs)
        name = attrs.get("name")
        kind = (attrs.get("type") or "text").lower()
        if form is None or not name or self._off(attrs):
            return
        if kind in ("submit", "image"):
            self._add(form, "buttons", (name, attrs.get("value", "")))
        elif kind == "file":
            self._add(form, "files", name)
        elif kind in ("checkbox", "radio"):
            if "checked" in attrs:
                self._add(form, "data", (name, attrs.get("value", "on")))
        elif kind not in _NOT_SENT:
            self._add(form, "data", (name, attrs.get("value", "")))

    def _add(self, form, where, item):
        if isinstance(form, str):  # tied by id to a form further down the page
            self._pending.append((form, where, item))
        else:
            getattr(form, where).append(item)

    def close(self):
        super().close()
        for form_id, where, item in self._pending:
            if form_id in self._by_id:
                getattr(self._by_id[form_id], where).append(item)


def forms_on(html):
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    return reader.forms


def submission(html, *, form_id=None, has_field=None):
    """The page's form with this id, or the first one with a field named `has_field`."""
    for form in forms_on(html):
        if form_id is not None and form.form_id == form_id:
            return form
        if has_field is not None and any(name == has_field for name, _value in form.data + form.buttons):
            return form
    raise LookupError(f"no form with id={form_id!r} or field {has_field!r} on the page")
