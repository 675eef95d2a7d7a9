from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "linkpad.geography"
    label = "geography"
    verbose_name = "Geography (postcodes, data zones and SIMD)"
