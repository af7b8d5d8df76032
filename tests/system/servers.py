"""Real app servers and a cuttable TCP proxy, for the scale-out and fault tests.

Every server here listens on 127.0.0.1 only, on ports picked by the OS, and is stopped by
the fixture that started it.
"""

import contextlib
import os
import secrets
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
# Production's gunicorn settings (workers, JSON access log, gc.freeze), for servers that use them.
GUNICORN_CONFIG = PROJECT_DIR / "deploy" / "gunicorn.conf.py"


def free_port():
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TCPProxy:
    """Forwards 127.0.0.1:<port> to a target; `cut()` makes the target unreachable, `restore()` brings it back."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener = None
        self._connections = []
        self._lock = threading.Lock()
        self._running = False

    def start(self):
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", self.port))
        self._listener.listen(64)
        self._running = True
        threading.Thread(target=self._accept_loop, args=(self._listener,), daemon=True).start()
        return self

    def _accept_loop(self, listener):
        while self._running:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._connections += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    def _pipe(self, client, upstream):
        sockets = [client, upstream]
        try:
            while self._running:
                readable, _w, _x = select.select(sockets, [], [], 0.2)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is client else client).sendall(data)
        except OSError:
            return
        finally:
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.close()

    def cut(self):
        """Refuse new connections and drop the open ones, as a dead server would."""
        self._running = False
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            for sock in self._connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
            self._connections = []

    def restore(self):
        self.start()

    stop = cut


def stop_process(process, *, grace=10):
    """Ask a server the tests started to stop; kill it if it has not within `grace` seconds."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()


def base_env(**extra):
    """Production-like settings for a server on plain HTTP inside the test."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_"))
        and key not in {"DATABASE_URL", "CACHE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DEBUG": "false",
            "SECRET_KEY": "scale-out-" + secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "STAFF_REQUIRE_2FA": "false",
            "LOG_LEVEL": "WARNING",
            "DB_CONNECT_TIMEOUT": "2",
        }
    )
    env.update(extra)
    return env


def manage(env, *args, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


class AppServer:
    """gunicorn serving the site on 127.0.0.1:<port> with the given environment.

    With `config` (GUNICORN_CONFIG) it runs with that settings file, the port and workers given here
    winning over it; with `log` its standard output (the access log, Django's log) goes to that file.
    """

    def __init__(self, env, workers=1, threads=4, config=None, log=None):
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.threads = threads
        self.config = config
        self.log = log
        self.process = None

    def start(self):
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        config = ["--config", str(self.config)] if self.config else []
        stdout = self.log.open("ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [
                gunicorn,
                *config,
                "newsroom.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "30",
                "--log-level",
                "warning",
            ],
            cwd=PROJECT_DIR,
            env=self.env,
            stdout=stdout,
            stderr=subprocess.PIPE,
        )
        if self.log:
            stdout.close()  # gunicorn has its own copy
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2)  # noqa: S310 - our own local server
                return self
            except urllib.error.HTTPError:
                return self  # it answers (a 503 from /healthz is still an answer)
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()) from None
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        stop_process(self.process)
