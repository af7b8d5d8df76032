"""gunicorn's settings for a Newsroom app server, behind deploy/nginx/ (systemd: deploy/systemd/newsroom-web.service).

    gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi

GUNICORN_BIND and GUNICORN_WORKERS in the environment change the address and the number of workers;
command-line options win over this file (the system tests give their own ports).
"""

import gc
import json
import os
from datetime import UTC, datetime

from gunicorn.glogging import Logger

# The address nginx's upstream lists for this server: loopback when nginx runs on the same machine,
# the private network's address otherwise. Never a public address: with PROXY_COUNT=1 the app believes
# the X-Forwarded-For and X-Forwarded-Proto it is sent, so only nginx may reach it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")

# Sync workers, (2 x CPUs) + 1 as gunicorn's documentation advises: nginx buffers slow readers and
# uploads, so a worker is busy only while Django works. CPUs are those this process may use.
workers = int(os.environ.get("GUNICORN_WORKERS", 0)) or 2 * len(os.sched_getaffinity(0)) + 1
# A request taking longer is stopped (nginx waits 35 s, proxy_read_timeout).
timeout = 30
graceful_timeout = 30
# A worker is replaced after about a thousand requests, so a slow leak never grows for long.
max_requests = 1000
max_requests_jitter = 100

# Load the site once in the master and fork the workers from it, sharing its memory pages.
preload_app = True
# Django alone decides what a forwarded header is worth (PROXY_COUNT in settings); gunicorn trusts none,
# so a client next to the app server cannot make a request look https.
forwarded_allow_ips = ""

proc_name = "newsroom"
# gunicorn 23+'s control socket (`gunicornc`) would live in ~/.gunicorn, which the unit's ProtectHome
# makes unwritable, and be shared by every server the user runs: systemctl restarts and reloads instead.
control_socket_disable = True

# Python's collector would touch every object the master loaded, copying the pages the workers share:
# collection waits while the site loads, and what was loaded is frozen out of its reach before the
# first fork (Python's gc.freeze() documentation; gunicorn calls when_ready in the master, after
# preload_app has loaded the site and before any worker exists).
gc.disable()


def when_ready(server):
    from django.db import connections

    connections.close_all()  # nothing the master opened may be shared by the workers
    gc.freeze()
    gc.enable()


class JSONLogger(Logger):
    """gunicorn's logger, with each access log line one JSON object, as Django's own log lines are."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        method, path = environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", "")
        entry = {
            "time": datetime.now(UTC).isoformat(),
            "level": "INFO",
            "logger": "gunicorn.access",
            "message": f"{method} {path} {status}",
            "method": method,
            "path": path,
            "query": environ.get("QUERY_STRING", ""),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            # The connection (nginx) and what it says about the reader (newsroom/shared/clients.py reads it).
            "remote_addr": environ.get("REMOTE_ADDR", ""),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR", ""),
            "request_id": environ.get("HTTP_X_REQUEST_ID", ""),
            "referer": environ.get("HTTP_REFERER", ""),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
        }
        try:
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
        except Exception:  # a log line must never fail a request
            self.exception("Could not write the access log line")


logger_class = JSONLogger
# Access lines on stdout, gunicorn's own messages on stderr: journald (or any collector) keeps both.
accesslog = "-"
errorlog = "-"
