from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "linkpad.guides"
    verbose_name = "Guides and link plans"
