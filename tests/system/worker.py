"""The task worker as production runs it (`manage.py db_worker`), a tiny SMTP server that keeps what it
is sent, and multipart form uploads, for the tests of work done off the request.

Everything listens on 127.0.0.1 only and is stopped by the test that started it.
"""

import contextlib
import email
import email.policy
import mimetypes
import re
import secrets
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from tests.system.http import FormParser, Response
from tests.system.servers import PROJECT_DIR, stop_process


class Worker:
    """`manage.py db_worker` over the given environment (TASKS_BACKEND=database), polling every 0.2 s."""

    def __init__(self, env, log):
        self.env = env
        self.log = log
        self.process = None

    def start(self):
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--no-reload",
                    "--no-startup-delay",
                    "--interval",
                    "0.2",
                ],
                cwd=PROJECT_DIR,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        return self

    def stop(self):
        stop_process(self.process, grace=15)


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Enough of SMTP (RFC 5321) for smtplib: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 127.0.0.1 test sink ready")
        recipients = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 127.0.0.1")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(re.sub(r"^RCPT TO:\s*<?([^>]*)>?.*$", r"\1", command, flags=re.I))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                message = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
                self.server.messages.append((recipients, message))
                self.reply("250 OK: queued")
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class SMTPSink(socketserver.ThreadingTCPServer):
    """A mail server on 127.0.0.1:`port` that accepts every message and keeps it in `messages`."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), _SMTPHandler)
        self.messages = []

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()

    def to(self, address):
        return [message for recipients, message in self.messages if address in recipients]


def closed_port():
    """A port nobody listens on (yet): a mail server that is down."""
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def upload(browser, page_url, fields, files, *, has_field):
    """GET a page, fill in its form that has the field `has_field` (hidden fields and CSRF token kept) and
    POST it as multipart/form-data. `files` maps a field name to (file name, bytes).
    """
    page = browser.get(page_url)
    parser = FormParser()
    parser.feed(page.text)
    form = next(form for form in parser.forms if has_field in form["fields"])
    target = urllib.parse.urljoin(page_url, form["action"] or page_url)
    boundary = "----newsroom" + secrets.token_hex(12)
    parts = []
    for name, value in {**form["fields"], **fields}.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode())
    for name, (filename, content) in files.items():
        kind = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {kind}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": page_url}
    request = urllib.request.Request(target, data=body, headers=headers)  # noqa: S310 - local test servers
    started = time.monotonic()
    try:
        with browser.opener.open(request, timeout=30) as response:
            return Response(response.status, response.headers, response.read().decode(), time.monotonic() - started)
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read().decode(), time.monotonic() - started)


def wait_for(check, *, timeout, every=0.3, what="it"):
    """Call `check` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(every)
