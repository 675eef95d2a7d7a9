from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "linkpad.core"
    label = "core"
    verbose_name = "Linkpad core"
