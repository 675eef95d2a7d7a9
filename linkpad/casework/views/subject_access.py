"""Subject access from the episode page: everything we hold about the person, as JSON or PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from ..subject_access import person_for_subject_access, subject_access_export

CONTENT_TYPES = {"json": "application/json", "pdf": "application/pdf"}


@login_required
@require_GET
def subject_access(request, person_id: int, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404("Subject access exports are JSON or PDF.")
    person = person_for_subject_access(user=request.user, person_id=person_id)
    if person is None:
        raise Http404("No such person.")
    export = subject_access_export(person=person, user=request.user)
    body = export.as_json() if fmt == "json" else export.as_pdf()
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"subject-access-person-{person.pk}-{export.generated_at:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
