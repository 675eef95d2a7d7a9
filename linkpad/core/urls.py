from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/data/", views.about_data, name="about-data"),
    path("about/accessibility/", views.accessibility, name="accessibility"),
    path("about/privacy/", views.privacy, name="privacy"),
    path("health/", views.health, name="health"),
]
