"""A member of the public finds out what Linkpad is and looks up a postcode; every page is accessible."""

import pytest

from ..steps import Journey


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Linkpad"),
        ("/about/data/", "About the data"),
        ("/about/accessibility/", "Accessibility statement"),
        ("/about/privacy/", "Privacy"),
        ("/account/sign-in/", "Sign in to Linkpad"),
        ("/no-such-page/", "Page not found"),
        ("/places/postcode/", "Look up a postcode"),
    ],
)
def test_public_pages_are_accessible(page, path, heading):
    journey = Journey(page)
    journey.when_i_visit(path)
    journey.then_i_see_the_heading(heading)
    journey.then_the_page_is_accessible()
