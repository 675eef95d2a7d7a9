from django.shortcuts import render

from .forms import PostcodeForm
from .postcodes import PostcodeError
from .selectors import locate


def postcode(request):
    """Look up a postcode: where it is, its neighbourhood and its deprivation decile."""
    form = PostcodeForm(data=request.GET or None)
    place = None
    if form.is_bound and form.is_valid():
        try:
            place = locate(form.cleaned_data["postcode"])
        except PostcodeError as error:
            form.add_error("postcode", str(error))
    return render(
        request,
        "geography/postcode.jinja",
        {"page_title": "Look up a postcode", "form": form, "place": place},
    )
