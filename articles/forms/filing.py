"""The reporter's story form: the story in the default language plus optional translations.

The template (templates/articles/filing/article_form.html) shows each language's fields side by
side on a desktop and in tabs on a phone (static/js/story-form.js), each with its body's word count
and reading time, and the shared fields (section, tags, photo) below them.
"""

import logging
import math
import os
import uuid
from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Tag
from articles.models.stories import WORDS_PER_MINUTE, count_words
from articles.renditions import picture_for

TRANSLATED_FIELDS = ("headline", "summary", "body", "photo_caption", "photo_alt")
SHARED_FIELDS = ("section", "tags", "lead_photo", "photo_credit")

logger = logging.getLogger(__name__)


def minutes_to_read(words):
    """Minutes to read `words` words at WORDS_PER_MINUTE, at least 1 for any text at all."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


@dataclass
class LanguageSide:
    """One language's part of the form: its fields, and its body's word count and reading time."""

    code: str
    name_local: str
    heading: str
    fields: list
    body: forms.BoundField
    words: int
    minutes: int


KEPT_PHOTO_SALT = "articles.filing.kept-photo"
KEPT_PHOTO_MAX_AGE = 24 * 60 * 60


@dataclass
class CurrentPhoto:
    """The lead photo the story has now, as the edit form shows it."""

    picture: object  # articles.renditions.Picture, or None when no rendition could be made
    url: str
    caption: str
    alt: str


def default_language():
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def translation_languages():
    """Every language of the site except the default one, as (code, name)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != default_language()]


def _story_fields():
    """Each language's fields (the default language first), then the shared ones: the page's order."""
    lang = default_language()
    languages = [lang, *[code for code, _name in translation_languages()]]
    return [*[f"{field}_{code}" for code in languages for field in TRANSLATED_FIELDS], *SHARED_FIELDS]


class StoryForm(forms.ModelForm):
    """Headline, summary, body (rich text, or plain HTML without JavaScript), section, tags, lead photo.

    The body is sanitised by Article.save (articles/html.py), whoever sends it. The photo passes
    newsroom/shared/photos.py's validate_photo (the model field's validator) and loses its EXIF data on save.
    """

    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Tags")
    )
    # A photo chosen with a form that came back with mistakes: browsers never send a file twice, so it
    # waits under media/kept/ and this signed name brings it back when the form is sent again.
    kept_photo = forms.CharField(required=False, widget=forms.HiddenInput)

    words_per_minute = WORDS_PER_MINUTE

    class Meta:
        model = Article
        fields = _story_fields()

    def __init__(self, *args, submitting=False, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        lang = default_language()
        labels = {
            "headline": _("Headline"),
            "summary": _("Summary"),
            "body": _("Story"),
            "photo_caption": _("Photo caption"),
            "photo_alt": _("Photo description (alt text)"),
        }
        for field, label in labels.items():
            self.fields[f"{field}_{lang}"].label = label
        self.fields[f"headline_{lang}"].required = True
        self.fields[f"body_{lang}"].help_text = _(
            "Paragraphs, headings, bold, italic, lists, quotes and links are kept; anything else is removed. "
            "Without the rich-text editor, leave a blank line between paragraphs."
        )
        languages = dict(translation_languages())
        for code, name in languages.items():
            for field, label in labels.items():
                self.fields[f"{field}_{code}"].label = f"{label} ({name})"
                self.fields[f"{field}_{code}"].required = False
        for name in self.fields:
            if name.startswith("body_"):
                self.fields[name].widget = forms.Textarea(
                    attrs={"rows": 14, "class": "rich-text", "data-style-label": gettext("Paragraph style")}
                )
            elif name.startswith("summary_"):
                self.fields[name].widget = forms.Textarea(attrs={"rows": 3})
        for code, _name in settings.LANGUAGES:
            # Typed in its own language whatever the page's: spelling checks and screen readers follow.
            for field in TRANSLATED_FIELDS:
                self.fields[f"{field}_{code}"].widget.attrs["lang"] = code
        self.fields["section"].empty_label = _("Choose a section")
        self.fields["lead_photo"].help_text = _("JPEG, PNG or WebP. Location and camera data are removed.")
        self.submitting = submitting
        # What the story has now, before validation puts an uploaded file or new text on the instance.
        self._stored_photo = self._current_photo_fields()
        if self._stored_photo:
            self.fields["lead_photo"].help_text = _(
                "JPEG, PNG or WebP. Location and camera data are removed. Leave this empty to keep the current photo."
            )

        self.helper = FormHelper()
        self.helper.form_tag = False

    def language_sides(self):
        """The default language first, then each translation: what each column (or tab) shows."""
        sides = []
        original = default_language()
        for code, name in sorted(settings.LANGUAGES, key=lambda language: language[0] != original):
            body = self[f"body_{code}"]
            words = count_words(body.value())
            sides.append(
                LanguageSide(
                    code=code,
                    name_local=get_language_info(code)["name_local"],
                    heading=(
                        gettext("The story in %(language)s") % {"language": name}
                        if code == original
                        else gettext("Translation: %(language)s (optional)") % {"language": name}
                    ),
                    fields=[self[f"{field}_{code}"] for field in TRANSLATED_FIELDS],
                    body=body,
                    words=words,
                    minutes=minutes_to_read(words),
                )
            )
        return sides

    @property
    def photo_alt_id(self):
        """The photo description in the original language: the chosen photo's preview takes its alt text from it."""
        return self[f"photo_alt_{default_language()}"].auto_id

    def shared_fields(self):
        return {name: self[name] for name in SHARED_FIELDS}

    def _current_photo_fields(self):
        photo = self.instance.lead_photo if self.instance.pk else None
        if not photo:
            return None
        instance = self.instance
        return {
            "name": photo.name,
            "width": instance.lead_photo_width,
            "height": instance.lead_photo_height,
            "caption": instance.photo_caption,
            "alt": instance.photo_alt,
        }

    def current_photo(self):
        """The stored lead photo (a rendition up to 640 px wide) with its caption, or None."""
        stored = self._stored_photo
        if not stored:
            return None
        field = Article._meta.get_field("lead_photo")
        photo = field.attr_class(self.instance, field, stored["name"])
        try:
            picture = picture_for(photo, width=stored["width"], height=stored["height"], max_width=640)
        except (OSError, ValueError, SyntaxError) as error:
            logger.warning("No rendition of %s for the story form: %s", stored["name"], error)
            picture = None
        return CurrentPhoto(
            picture=picture,
            url=photo.url,
            caption=stored["caption"],
            alt=stored["alt"] or gettext("The story's current photo"),
        )

    def _kept_photo_name(self):
        try:
            kept = signing.loads(self.data.get("kept_photo") or "", salt=KEPT_PHOTO_SALT, max_age=KEPT_PHOTO_MAX_AGE)
        except signing.BadSignature:
            return None
        if kept.get("u") != getattr(self.owner, "pk", None) or not str(kept.get("name", "")).startswith("kept/"):
            return None
        return kept["name"] if default_storage.exists(kept["name"]) else None

    def keep_photo(self):
        """The form came back with mistakes: keep a valid chosen photo for the next send."""
        upload = self.files.get("lead_photo")
        if upload is None or "lead_photo" in self.errors:
            return
        extension = os.path.splitext(upload.name)[1].lower()[:5]
        upload.seek(0)
        name = default_storage.save(f"kept/{uuid.uuid4().hex}{extension}", upload)
        self.data = self.data.copy()
        owner = getattr(self.owner, "pk", None)
        self.data["kept_photo"] = signing.dumps({"name": name, "u": owner}, salt=KEPT_PHOTO_SALT)

    def discard_kept_photo(self):
        """Once the story is saved with it, the kept copy goes."""
        if getattr(self, "kept_photo_used", None):
            default_storage.delete(self.kept_photo_used)

    def kept_photo_url(self):
        name = self._kept_photo_name()
        return default_storage.url(name) if name else ""

    def clean(self):
        cleaned = super().clean()
        kept = None if cleaned.get("lead_photo") and "lead_photo" in self.files else self._kept_photo_name()
        if kept:
            cleaned["lead_photo"] = File(default_storage.open(kept), name=os.path.basename(kept))
            self.kept_photo_used = kept
        if self.submitting:
            lang = default_language()
            if not (cleaned.get(f"body_{lang}") or "").strip():
                self.add_error(f"body_{lang}", _("Write the story before you submit it."))
            if not (cleaned.get(f"summary_{lang}") or "").strip():
                self.add_error(f"summary_{lang}", _("Write a summary before you submit the story."))
            if cleaned.get("lead_photo") and not (cleaned.get(f"photo_alt_{lang}") or "").strip():
                self.add_error(f"photo_alt_{lang}", _("Describe the photo for readers who cannot see it."))
        return cleaned
