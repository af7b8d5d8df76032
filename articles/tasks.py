"""The worker's tasks for stories and reporters (django-tasks; `manage.py db_worker` in production)."""

import logging

from django.apps import apps
from django_tasks import task

from articles import renditions
from newsroom.shared.photos import PhotoTooLarge

logger = logging.getLogger(__name__)

# Only these models have photos with renditions (articles/renditions.py connect_signals).
PHOTO_MODELS = {"articles.article", "accounts.reporter"}


@task()
def make_photo_renditions(label, pk):
    """Make the renditions of a story's lead photo or a reporter's portrait; pages show the original until then."""
    if label not in PHOTO_MODELS:
        raise ValueError(f"{label} has no photo renditions")
    instance = apps.get_model(label).objects.filter(pk=pk).first()
    if instance is None:
        return 0
    try:
        made = renditions.make_renditions_of(instance)
    except (PhotoTooLarge, OSError, SyntaxError) as error:
        # The page keeps showing the original file; nothing to try again.
        logger.warning("No renditions for %s %s: %s", label, pk, error, extra={"event": "renditions_failed"})
        return 0
    logger.info("Made %d renditions for %s %s", made, label, pk, extra={"event": "renditions_made"})
    return made
