"""deploy/'s files name things that exist: the systemd units run real commands on a schedule, and
gunicorn accepts its settings file. (nginx in front of gunicorn is proven in tests/system/test_behind_nginx.py.)"""

import configparser
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
SYSTEMD = DEPLOY / "systemd"


def unit(path):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read_string(path.read_text())
    return parser


def test_every_systemd_unit_runs_a_real_management_command_or_the_app_server():
    commands = get_commands()
    for path in sorted(SYSTEMD.glob("*.service")):
        program, *args = shlex.split(unit(path)["Service"]["ExecStart"])
        assert program.startswith("/srv/newsroom/.venv/bin/"), path.name
        if program.endswith("/gunicorn"):
            assert args == ["-c", "deploy/gunicorn.conf.py", "newsroom.wsgi"], path.name
            continue
        assert args[0] == "manage.py", path.name
        if args[1] == "WORKER_COMMAND":  # the task library's worker, named where the worker is built
            assert path.name == "newsroom-worker.service"
            continue
        assert args[1] in commands, f"{path.name}: no command {args[1]}"


def test_every_timer_starts_a_one_shot_service_of_its_own_name():
    timers = sorted(SYSTEMD.glob("*.timer"))
    assert {path.stem for path in timers} >= {
        "newsroom-send-queued-mail",
        "newsroom-purge-old-enquiries",
        "newsroom-purge-unconfirmed-accounts",
        "newsroom-tally-views",
        "newsroom-purge-sent-mail",
        "newsroom-prune-task-results",
    }
    for timer in timers:
        assert unit(timer)["Timer"]["OnCalendar"], timer.name
        service = timer.with_suffix(".service")
        assert unit(service)["Service"]["Type"] == "oneshot", service.name


def test_gunicorn_accepts_its_settings_and_runs_two_workers_a_cpu_and_one():
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", "DEBUG": "true"}
    env.pop("GUNICORN_WORKERS", None)
    result = subprocess.run(
        [gunicorn, "--print-config", "-c", str(DEPLOY / "gunicorn.conf.py"), "newsroom.wsgi"],
        cwd=DEPLOY.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    printed = {
        name.strip(): value.strip()
        for name, _sep, value in (line.partition(" = ") for line in result.stdout.splitlines())
    }
    assert int(printed["workers"]) == 2 * len(os.sched_getaffinity(0)) + 1
    assert printed["preload_app"] == "True"
    assert printed["forwarded_allow_ips"] == "[]"
    assert "JSONLogger" in printed["logger_class"]


def test_the_nginx_templates_envsubst_line_names_every_value_it_needs():
    # envsubst replaces only the names it is given (nginx's own $host, $uri… must stay as they are).
    template = (DEPLOY / "nginx" / "newsroom.conf.template").read_text()
    documented = set(re.search(r"envsubst '([^']+)'", template).group(1).replace("$", "").split())
    assert documented == set(re.findall(r"\$\{([A-Z_]+)\}", template))
    readme = (DEPLOY.parent / "README.md").read_text()
    assert re.search(r"envsubst '([^']+)'", readme).group(1) == re.search(r"envsubst '([^']+)'", template).group(1)


def test_the_environment_file_reads_the_same_in_a_shell_and_in_django_environ():
    """README sources it with `set -a && . newsroom.env`; a .env beside manage.py is read by django-environ."""
    example = DEPLOY.parent / ".env.example"
    keys = [line.split("=", 1)[0] for line in example.read_text().splitlines() if re.match(r"[A-Z][A-Z0-9_]*=", line)]
    shell = subprocess.run(
        ["sh", "-c", f'set -a && . "{example}" && env -0'], capture_output=True, text=True, check=True, env={}
    ).stdout
    from_shell = dict(entry.split("=", 1) for entry in shell.split("\0") if "=" in entry)
    read = "import environ, json, os; environ.Env.read_env(os.environ['EXAMPLE']); print(json.dumps(dict(os.environ)))"
    django_environ = subprocess.run(
        [sys.executable, "-c", read], capture_output=True, text=True, check=True, env={"EXAMPLE": str(example)}
    ).stdout
    from_environ = json.loads(django_environ)
    assert {key: from_shell.get(key) for key in keys} == {key: from_environ.get(key) for key in keys}
    assert from_shell["DEFAULT_FROM_EMAIL"] == "Brahmaputra Times <desk@news.example.com>"
