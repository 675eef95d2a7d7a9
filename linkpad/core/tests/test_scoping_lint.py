"""Views and API handlers reach personal data only through `.visible_to(user)`.

This scans the source of every view and API module: writing `Model.objects.<anything>` on a model
whose queryset is a ScopedQuerySet fails the build unless the next call is `visible_to`.
"""

import ast
from pathlib import Path

from django.apps import apps

from linkpad.core.scoping import ScopedQuerySet

PACKAGE = Path(__file__).resolve().parents[2]


def scoped_model_names() -> set[str]:
    return {
        model.__name__
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), ScopedQuerySet)
    }


def face_modules() -> list[Path]:
    files = [*PACKAGE.rglob("views.py"), *PACKAGE.rglob("views/*.py"), *PACKAGE.glob("api/**/*.py")]
    return [f for f in files if "tests" not in f.parts]


def unscoped_uses(path: Path, names: set[str]) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)):
            continue
        manager = node.value
        if manager.attr == "objects" and isinstance(manager.value, ast.Name) and manager.value.id in names:
            if node.attr != "visible_to":
                problems.append(f"{path.name}:{node.lineno} {manager.value.id}.objects.{node.attr}")
    return problems


def test_there_are_scoped_models_to_check():
    assert "User" in scoped_model_names()


def test_no_view_or_api_handler_reads_personal_data_without_scoping():
    names = scoped_model_names()
    problems = [p for path in face_modules() for p in unscoped_uses(path, names)]
    assert problems == [], "Use .visible_to(request.user) instead:\n" + "\n".join(problems)


def test_the_lint_catches_an_unscoped_read_and_passes_a_scoped_one(tmp_path):
    bad = tmp_path / "views.py"
    bad.write_text("def v(request):\n    return User.objects.filter(pk=1)\n")
    good = tmp_path / "other_views.py"
    good.write_text("def v(request):\n    return User.objects.visible_to(request.user).filter(pk=1)\n")
    assert unscoped_uses(bad, {"User"}) == ["views.py:2 User.objects.filter"]
    assert unscoped_uses(good, {"User"}) == []
