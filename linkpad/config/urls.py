from django.contrib import admin
from django.urls import include, path

from linkpad.api.oruk import api as api_oruk
from linkpad.api.v1 import api as api_v1

urlpatterns = [
    path("", include("linkpad.core.urls")),
    path("account/", include("linkpad.accounts.urls")),
    path("places/", include("linkpad.geography.urls")),
    path("directory/", include("linkpad.directory.urls")),
    path("referrals/", include("linkpad.referrals.urls")),
    path("casework/", include("linkpad.casework.urls")),
    path("casework/<int:episode_id>/measures/", include("linkpad.outcomes.urls")),
    path("guides/", include("linkpad.guides.urls")),
    path("reporting/", include("linkpad.reporting.urls")),
    path("impact/", include("linkpad.impact.urls")),
    path("api/v1/", api_v1.urls),
    path("api/oruk/", api_oruk.urls),
    path("admin/", admin.site.urls),
]

handler400 = "linkpad.core.errors.bad_request"
handler403 = "linkpad.core.errors.permission_denied"
handler404 = "linkpad.core.errors.page_not_found"
handler500 = "linkpad.core.errors.server_error"
