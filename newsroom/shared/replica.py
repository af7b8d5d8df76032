"""Public reads on a PostgreSQL replica (DATABASE_REPLICA_URL; off when unset, the default).

Only an anonymous reader's GET or HEAD, with no session, reads from the replica: whoever is logged in,
every form post, the desk, the worker and the management commands read the primary, so nobody misses
what they have just saved. A request that writes reads the primary from then on. docs/scaling.md says
what it buys and what replication lag costs.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reads_from_replica = ContextVar("reads_from_replica", default=False)


class PublicReadsMiddleware:
    """Marks an anonymous reader's GET or HEAD as one whose reads may come from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES
        token = _reads_from_replica.set(public)
        try:
            return self.get_response(request)
        finally:
            _reads_from_replica.reset(token)


class ReplicaRouter:
    """Reads of a marked request go to the replica; every write, and every read after it, to the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reads_from_replica.get() else "default"

    def db_for_write(self, model, **hints):
        _reads_from_replica.set(False)
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, copied

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica gets its tables by replication
