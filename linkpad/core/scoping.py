"""Scoping in one place: every model holding personal data has `.visible_to(user)`.

Views and API handlers reach personal data only through such a queryset, never `.objects`;
`linkpad.core.tests.test_scoping_lint` fails the build when a view breaks that rule.
"""

from django.db import models


class ScopedQuerySet(models.QuerySet):
    """Base for querysets of personal data. Subclasses say who may see which rows."""

    def visible_to(self, user) -> "ScopedQuerySet":
        raise NotImplementedError(f"{type(self).__name__} must say who may see its rows.")
