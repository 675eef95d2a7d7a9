"""The Jinja2 environment for every Linkpad page.

Templates come from each app's `jinja2/` folder, then from the `nhsuk-frontend-jinja` package
(the NHS.UK frontend component macros, imported as `nhsuk/components/<name>/macro.jinja`).
"""

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from linkpad.core import presenters
from linkpad.directory.presenters import schedule_text


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    options["loader"] = ChoiceLoader([options["loader"], PackageLoader("nhsuk_frontend_jinja", "templates")])
    options["undefined"] = ChainableUndefined  # the nhsuk macros read optional nested params
    options.setdefault("autoescape", True)
    env = Environment(**options)  # noqa: S701 - autoescape is set just above
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "settings": settings,
            "demo_mode": lambda: settings.LINKPAD_DEMO,
        }
    )
    env.filters.update(presenters.FILTERS)
    env.filters["schedule_line"] = schedule_text
    return env
