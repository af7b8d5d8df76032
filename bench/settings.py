"""The site's settings with the benchmark's yardstick view added (bench/urls.py): only bench/run.py's
app servers use them, so the site itself has no benchmark view."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
