"""The publication's name, tagline and address in the reader's language.

settings.PUBLISHER holds them in English ("name") and in every other language of the site under the
language's suffix ("name_as"; PUBLISHER_NAME_AS in the environment). `publisher` reads them in the
language active when it is read, so one object serves every page, feed and e-mail; a language
without its own text shows the English one.
"""

from django.conf import settings
from django.utils.translation import get_language

# The details written in words; the e-mail address, phone number and URL are the same in every language.
TRANSLATED = ("name", "tagline", "address")


class Publisher:
    """settings.PUBLISHER as a page shows it: publisher["name"], or {{ publisher.name }} in a template."""

    def __getitem__(self, key):
        details = settings.PUBLISHER
        if key in TRANSLATED:
            language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
            localized = details.get(f"{key}_{language}")
            if localized:
                return localized
        return details[key]

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        return key in settings.PUBLISHER


publisher = Publisher()
