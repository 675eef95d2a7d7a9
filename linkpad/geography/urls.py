from django.urls import path

from . import views

app_name = "geography"

urlpatterns = [path("postcode/", views.postcode, name="postcode")]
