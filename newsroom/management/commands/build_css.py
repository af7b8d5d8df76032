from django.core.management.base import BaseCommand

from newsroom import stylesheet


class Command(BaseCommand):
    help = "Write static/css/newsroom.css: the Bootstrap rules our pages use, then static/css/site.css."

    def handle(self, *args, **options):
        css = stylesheet.build()
        stylesheet.OUTPUT.write_text(css, encoding="utf-8")
        self.stdout.write(f"{stylesheet.OUTPUT.relative_to(stylesheet.STATIC.parent)}: {len(css.encode())} bytes")
