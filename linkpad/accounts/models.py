"""Users, the organisations they work for, and what they may do there."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from linkpad.core.scoping import ScopedQuerySet


class UserQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> "UserQuerySet":
        """Staff details are personal data: people see themselves, and admins see their organisations."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        admin_of = Membership.objects.filter(user=user, role=Role.ADMIN).values("organisation")
        return self.filter(models.Q(pk=user.pk) | models.Q(memberships__organisation__in=admin_of)).distinct()


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An email address is needed to create a user.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in to Linkpad. They sign in with their email address."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Can use the Django admin site.")
    is_demo = models.BooleanField(
        default=False,
        help_text="A demo account: in demo mode it may sign in without two-factor authentication.",
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class OrganisationKind(models.TextChoices):
    GP_PRACTICE = "gp_practice", "GP practice"
    CLP_EMPLOYER = "clp_employer", "Community links practitioner employer"
    COMMUNITY_ORGANISATION = "community_organisation", "Community organisation"
    PROGRAMME = "programme", "Programme (health board or HSCP)"


class Organisation(models.Model):
    """A GP practice, a CLP employer, a community organisation or a programme."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    code = models.CharField(
        max_length=64,
        blank=True,
        help_text="An official code where there is one (a GP practice code, a directory listing id).",
    )
    postcode = models.CharField(max_length=8, blank=True)
    programme = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": OrganisationKind.PROGRAMME},
        help_text="The programme (health board or HSCP) this organisation belongs to.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~models.Q(code=""), name="unique_code_per_kind"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    LINK_PRACTITIONER = "link_practitioner", "Community links practitioner"
    PRACTICE_STAFF = "practice_staff", "GP practice staff"
    PROGRAMME_MANAGER = "programme_manager", "Programme manager"
    COMMUNITY_STAFF = "community_staff", "Community organisation staff"
    DIRECTORY_EDITOR = "directory_editor", "Directory editor"
    ADMIN = "admin", "Administrator"


#: Roles whose holders can see personal data about people, and so must use two-factor sign-in.
#: Directory editors see the email addresses of people who report problems with listings.
ROLES_SEEING_PERSONAL_DATA = frozenset(
    {Role.LINK_PRACTITIONER, Role.PRACTICE_STAFF, Role.COMMUNITY_STAFF, Role.DIRECTORY_EDITOR, Role.ADMIN}
)


class Membership(models.Model):
    """A user's role at one organisation. A CLP has one for each practice they serve."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} at {self.organisation}"


class ApiToken(models.Model):
    """A bearer token for /api/v1/. Only a hash of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, unique=True, help_text="Shown to tell tokens apart.")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"lp_{self.prefix}… ({self.user})"
