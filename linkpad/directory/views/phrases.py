"""What people say: directory editors look after the phrases search matches for each category."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import PhraseForm, PhraseTryForm
from ..models import CategoryPhrase
from ..phrases import (
    categories_with_counts,
    category_key,
    category_path,
    phrase_add,
    phrase_matches,
    phrase_remove,
    phrase_restore,
    term_for_key,
)
from ..stewardship import is_directory_editor


def _editor_only(request) -> None:
    if not is_directory_editor(request.user):
        raise PermissionDenied


@login_required
def categories(request):
    _editor_only(request)
    trial = PhraseTryForm(data=request.GET or None)
    matches = phrase_matches(trial.cleaned_data["said"]) if trial.is_valid() else []
    context = {
        "page_title": "What people say",
        "rows": categories_with_counts(),
        "trial": trial,
        "matches": matches,
        "category_path": category_path,
    }
    return render(request, "directory/manage/phrases.jinja", context)


@login_required
@require_http_methods(["GET", "POST"])
def category(request, key: str):
    _editor_only(request)
    term = term_for_key(key)
    if term is None:
        raise Http404("No such category.")
    form = PhraseForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phrase = phrase_add(term=term, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            for message in error.message_dict.get("text", error.messages):
                form.add_error("text", message)
        else:
            messages.success(request, f"Added “{phrase.text}”. Search uses it from now on.")
            return redirect("directory:category-phrases", key=category_key(term))
    phrases = CategoryPhrase.objects.filter(category=category_key(term)).select_related("added_by")
    context = {
        "page_title": f"What people say: {term.name}",
        "term": term,
        "path": category_path(term),
        "key": category_key(term),
        "form": form,
        "phrases": [phrase for phrase in phrases if not phrase.hidden],
        "hidden": [phrase for phrase in phrases if phrase.hidden],
    }
    return render(request, "directory/manage/category_phrases.jinja", context)


@login_required
@require_POST
def change(request, pk: int):
    _editor_only(request)
    phrase = get_object_or_404(CategoryPhrase, pk=pk)
    if request.POST.get("action") == "restore" and phrase.hidden:
        phrase_restore(phrase=phrase)
        messages.success(request, f"“{phrase.text}” is back in search.")
    elif request.POST.get("action") == "remove" and not phrase.hidden:
        phrase_remove(phrase=phrase)
        messages.success(request, f"Removed “{phrase.text}”. Search no longer uses it.")
    return redirect("directory:category-phrases", key=phrase.category)
