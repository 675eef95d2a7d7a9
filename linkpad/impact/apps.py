from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "linkpad.impact"
    label = "impact"
    verbose_name = "Impact: scenarios, uncertainty and cost-benefit of CLP posts"
