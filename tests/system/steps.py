"""Given/when/then steps shared by the browser journeys, each ending with an accessibility check."""

import re

from playwright.sync_api import Page, expect

from .axe import axe_violations, describe


class Journey:
    def __init__(self, page: Page):
        self.page = page
        self.visited: list[str] = []

    def then_the_page_is_accessible(self) -> None:
        violations = axe_violations(self.page)
        assert violations == [], f"{self.page.url}\n{describe(violations)}"
        assert self.page.policy_violations == [], self.page.policy_violations
        self.visited.append(self.page.url)

    def when_i_visit(self, path: str) -> None:
        self.page.goto(path)

    def then_i_see_the_heading(self, text: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(re.compile(re.escape(text)))

    def when_i_sign_in_with(self, email: str, password: str) -> None:
        self.when_i_visit("/account/sign-in/")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Continue").click()

    def when_i_sign_in_with_my_app(self, user, device, password: str) -> None:
        from linkpad.accounts.tests.factories import current_code

        self.when_i_sign_in_with(user.email, password)
        self.page.get_by_label("Security code").fill(current_code(device))
        self.page.get_by_role("button", name="Sign in").click()
