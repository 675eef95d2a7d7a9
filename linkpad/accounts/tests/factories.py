import factory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from linkpad.accounts.models import Membership, Organisation, OrganisationKind, Role, User

PASSWORD = "correct-horse-battery-staple"


_FAKE = Faker("en_GB")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.LazyFunction(lambda: _FAKE.name().replace("'", ""))  # no HTML escaping surprises
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Demo Practice {n}")
    kind = OrganisationKind.GP_PRACTICE
    code = factory.Sequence(lambda n: f"T{n:05d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.LINK_PRACTITIONER


def user_with_role(role: str, organisation: Organisation | None = None, **fields) -> User:
    user = UserFactory(**fields)
    MembershipFactory(user=user, organisation=organisation or OrganisationFactory(), role=role)
    return user


def current_code(device: TOTPDevice) -> str:
    """The code the user's authenticator app would show right now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
