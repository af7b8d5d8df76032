from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.districts import District
from newsroom.shared.photos import strip_new_photo, validate_photo
from newsroom.shared.slugs import UnicodeSlugField, unicode_slugify


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        # E-mail addresses are unique whatever their case.
        return self.get(email__iexact=email)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Everybody who logs in: reporters and staff. They log in with their e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("Designates whether the user can log into the admin site.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ReporterQuerySet(models.QuerySet):
    def approved(self):
        """Reporters with a public page (Reporter.has_public_page is the same rule for one reporter)."""
        return self.filter(status=Reporter.Status.APPROVED, user__is_active=True)

    def pending(self):
        return self.filter(status=Reporter.Status.PENDING)


class Reporter(models.Model):
    """A person who files stories: their public page, their contact details and their standing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="reporter", verbose_name=_("user"))
    slug = UnicodeSlugField(_("slug"), max_length=160, unique=True)
    # Their name is their user's full_name (English); readers of the Assamese site see this one (`name`).
    name_as = models.CharField(
        _("name in Assamese"),
        max_length=150,
        blank=True,
        help_text=_("As bylines on the Assamese site write it. Left empty, they show the English name."),
    )
    phone = models.CharField(_("mobile number"), max_length=16, blank=True, help_text=_("Stored as +91XXXXXXXXXX."))
    district = models.CharField(_("district"), max_length=100, blank=True, choices=District.choices)
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    photo = models.ImageField(_("photo"), upload_to="reporters/%Y/", blank=True, validators=[validate_photo])
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    # The language they registered in: the desk's decisions and the workflow's e-mails reach them in it.
    language = models.CharField(
        _("language for e-mails"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    terms_accepted_at = models.DateTimeField(_("terms accepted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    objects = ReporterQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporter")
        verbose_name_plural = _("reporters")
        ordering = ["user__full_name"]

    def __str__(self):
        return self.user.full_name or self.user.email

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        strip_new_photo(self.photo)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:reporter", kwargs={"slug": self.slug})

    def _unique_slug(self):
        base = unicode_slugify(self.user.full_name)[:150] or "reporter"
        slug, n = base, 2
        while Reporter.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def name(self):
        """The name readers see: in the current language when the reporter wrote it (name_as), else English."""
        return getattr(self, f"name_{get_language()}", "") or str(self)

    @property
    def has_public_page(self):
        """Approved and active: ReporterQuerySet.approved() for one reporter already loaded."""
        return self.status == self.Status.APPROVED and self.user.is_active

    @property
    def can_file(self):
        return self.status == self.Status.APPROVED and self.email_confirmed_at is not None and self.user.is_active


class ReporterTerms(models.Model):
    """The one row of terms for reporters that staff edit in the admin (title and text in every language).

    Until staff write them, the page shows the newsroom's default terms (templates/accounts/reporter_terms.html).
    """

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Plain text: a blank line starts a new paragraph."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("terms for reporters")
        verbose_name_plural = _("terms for reporters")
        constraints = [
            # One row only: reporters agree to one set of terms.
            models.CheckConstraint(condition=models.Q(id=1), name="accounts_reporterterms_single_row"),
        ]

    def __str__(self):
        return str(_("Terms for reporters"))

    def save(self, *args, **kwargs):
        # Always the row with id 1: saving "another" one replaces it.
        self.pk = 1
        kwargs.pop("force_insert", None)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("accounts:terms")

    @classmethod
    def current(cls):
        """The staff's terms, or None while they have written none."""
        return cls.objects.filter(pk=1).first()
