"""A small HTTP client with cookies, for talking to real app servers."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request


class Browser:
    def __init__(self, cookies=None):
        self.cookies = cookies or http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect())

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

    def post_form(self, page_url, post_url, fields):
        """GET the page for its CSRF token, then POST the fields with it (and the Referer a browser sends)."""
        page = self.get(page_url)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert match, f"no CSRF token on {page_url} ({page.status})"
        return self.request(post_url, {"csrfmiddlewaretoken": match.group(1), **fields}, headers={"Referer": page_url})


class Response:
    def __init__(self, status, headers, text, seconds):
        self.status, self.headers, self.text, self.seconds = status, headers, text, seconds


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
