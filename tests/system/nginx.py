"""Debian's nginx in front of the app servers, with the site configuration of deploy/nginx/.

The site file is deploy's template with its values filled in (render_site), exactly as production
renders it with envsubst; only the wrapper around it (nginx.conf: pid, logs and temporary files in
the test's folder, no root needed) belongs to the tests. Everything listens on 127.0.0.1 only.
"""

import os
import re
import shutil
import socket
import subprocess
import time

from tests.system.servers import PROJECT_DIR, free_port, stop_process

TEMPLATE = PROJECT_DIR / "deploy" / "nginx" / "newsroom.conf.template"
PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")

MAIN_CONFIG = """\
{user}worker_processes {workers};
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections {connections}; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    access_log {root}/access.log;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {root}/newsroom.conf;
}}
"""


def main_config(root, *, user="", workers="1", connections=256):
    """nginx.conf around deploy's site, its files under `root`: one worker for the tests; make bench
    asks for one per CPU, as Debian's own nginx.conf does."""
    return MAIN_CONFIG.format(root=root, user=user, workers=workers, connections=connections)


def render_site(values):
    """deploy/nginx/newsroom.conf.template with every ${NAME} replaced by values[NAME] (as envsubst does)."""
    text = TEMPLATE.read_text()
    missing = set(PLACEHOLDER.findall(text)) - values.keys()
    assert not missing, f"no value for {sorted(missing)}"
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def self_signed_certificate(folder):
    """A certificate for 127.0.0.1 that the test's clients trust (and nobody else)."""
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", str(key), "-out", str(certificate), "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return certificate, key


class Nginx:
    """nginx serving deploy's site on https://127.0.0.1:<https_port> (and a redirect on http_port), with its
    edge cache and the beacon's log in `root`."""

    def __init__(self, root, *, upstreams, static_root, media_root):
        self.root = root
        self.http_port, self.https_port = free_port(), free_port()
        self.url = f"https://127.0.0.1:{self.https_port}"
        self.certificate, key = self_signed_certificate(root)
        self.cache_root = root / "edge-cache"
        site = render_site(
            {
                "SERVER_NAME": "127.0.0.1 localhost",
                "HTTP_LISTEN": f"127.0.0.1:{self.http_port}",
                "HTTPS_LISTEN": f"127.0.0.1:{self.https_port}",
                "TLS_CERTIFICATE": str(self.certificate),
                "TLS_CERTIFICATE_KEY": str(key),
                "UPSTREAMS": " ".join(f"server 127.0.0.1:{port};" for port in upstreams),
                "STATIC_ROOT": str(static_root),
                "MEDIA_ROOT": str(media_root),
                "EDGE_CACHE_ROOT": str(self.cache_root),
                "VIEW_LOG": str(root / "views.log"),
            }
        )
        (root / "newsroom.conf").write_text(site)
        # Started by root (a container, CI), nginx's workers would become "nobody", who cannot read the
        # test's private folders; anybody else runs it as themselves.
        user = "user root;\n" if os.geteuid() == 0 else ""
        (root / "nginx.conf").write_text(main_config(root, user=user))
        self.access_log = root / "access.log"
        # The view-count beacon's log, for `manage.py tally_views --log`.
        self.view_log = root / "views.log"
        self.process = None

    def _command(self, *extra):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        return [
            nginx,
            "-p",
            str(self.root),
            "-c",
            str(self.root / "nginx.conf"),
            "-e",
            str(self.root / "error.log"),
            *extra,
        ]

    def start(self):
        checked = subprocess.run(self._command("-t"), capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        self.process = subprocess.Popen(
            self._command("-g", "daemon off;"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.https_port), timeout=1).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()) from None
                time.sleep(0.1)
        raise RuntimeError("nginx did not start")

    def stop(self):
        stop_process(self.process)
