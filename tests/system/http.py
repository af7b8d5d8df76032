"""A small HTTP client with cookies, for talking to real app servers (and to nginx in front of them)."""

import functools
import http.client
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class Browser:
    """A browser with its own cookies; `source` is the address it connects from (any of 127.0.0.0/8, so
    several clients on one machine are several readers to nginx), `tls` the ssl.SSLContext for https."""

    def __init__(self, cookies=None, source=None, tls=None):
        self.cookies = cookies or http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()]
        if source or tls:
            handlers += [FromAddressHTTPHandler(source), FromAddressHTTPSHandler(source, tls)]
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, url, data=None, headers=None, timeout=10):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310 - local test servers
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return Response(response.status, response.headers, response.read().decode(), time.monotonic() - started)
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read().decode(), time.monotonic() - started)

    def get(self, url, **kwargs):
        return self.request(url, **kwargs)

    def submit(self, page_url, fields=None, form_index=-1, action_contains="", headers=None):
        """GET a page, fill in its POST form (hidden fields, CSRF token and defaults kept), and send it."""
        page = self.get(page_url)
        parser = FormParser()
        parser.feed(page.text)
        forms = [form for form in parser.forms if action_contains in form["action"]]
        assert forms, f"no POST form on {page_url} ({page.status})"
        form = forms[form_index]
        target = urllib.parse.urljoin(page_url, form["action"] or page_url)
        data = {**form["fields"], **(fields or {})}
        return self.request(target, data, headers={"Referer": page_url, **(headers or {})})

    def post_form(self, page_url, post_url, fields):
        """GET the page for its CSRF token, then POST the fields with it (and the Referer a browser sends)."""
        page = self.get(page_url)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert match, f"no CSRF token on {page_url} ({page.status})"
        return self.request(post_url, {"csrfmiddlewaretoken": match.group(1), **fields}, headers={"Referer": page_url})


class Response:
    def __init__(self, status, headers, text, seconds):
        self.status, self.headers, self.text, self.seconds = status, headers, text, seconds


class FromAddressHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, source):
        super().__init__()
        self.source = (source, 0) if source else None

    def http_open(self, req):
        return self.do_open(functools.partial(http.client.HTTPConnection, source_address=self.source), req)


class FromAddressHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, source, context):
        super().__init__(context=context)
        self.source = (source, 0) if source else None

    def https_open(self, req):
        connection = functools.partial(http.client.HTTPSConnection, source_address=self.source)
        return self.do_open(connection, req, context=self._context)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormParser(HTMLParser):
    """The POST forms of a page: their action and the default value of every named field."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}})
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file"):
                self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.forms[-1]["fields"][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1]["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
