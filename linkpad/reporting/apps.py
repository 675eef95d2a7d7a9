from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "linkpad.reporting"
    verbose_name = "Programme reporting"
