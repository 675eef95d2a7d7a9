"""`linkpad import-hsds`, `import-aliss` and `export-hsds` from the command line's point of view."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from linkpad.directory.hsds.validate import ORUK_SERVICE, problems
from linkpad.directory.models import Service

from .hsds_factories import hsds_service


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_reports_each_bad_record_and_exits_with_an_error(tmp_path):
    bad = hsds_service(name="Knit and Natter", status="open")
    source = tmp_path / "feed.json"
    source.write_text(json.dumps([hsds_service(), bad]))

    with pytest.raises(CommandError, match="1 of 2 services were not imported"):
        run("import-hsds", str(source))

    assert Service.objects.count() == 1


@pytest.mark.django_db
def test_import_names_the_record_and_field_on_stderr(tmp_path, capsys):
    bad = hsds_service(name="Knit and Natter", status="open")
    source = tmp_path / "feed.json"
    source.write_text(json.dumps({"contents": [bad]}))
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import-hsds", str(source), "--no-progress", stdout=StringIO(), stderr=err)

    assert (
        f'Not imported: service "Knit and Natter" ({bad["id"]}): status: "open" is not one of'
        in err.getvalue()
    )


@pytest.mark.django_db
def test_a_dry_run_checks_but_saves_nothing(tmp_path):
    source = tmp_path / "one.json"
    source.write_text(json.dumps(hsds_service()))

    out, _ = run("import-hsds", str(source), "--dry-run")

    assert "1 new" in out and "Nothing was saved" in out
    assert not Service.objects.exists()


@pytest.mark.django_db
def test_import_aliss_then_export_gives_a_valid_oruk_file(tmp_path):
    aliss = Path(settings.LINKPAD_DATA_DIR) / "aliss" / "aliss_sample_services.json"
    out_file = tmp_path / "export" / "directory.json"

    imported, _ = run("import-aliss", str(aliss))
    exported, _ = run("export-hsds", str(out_file))

    documents = json.loads(out_file.read_text())
    assert "12 new" in imported and "Exported 12 services" in exported
    assert len(documents) == 12
    assert all(problems(document, ORUK_SERVICE) == [] for document in documents)
    assert not list(out_file.parent.glob(".*.tmp"))


@pytest.mark.django_db
def test_export_refuses_to_write_services_that_break_the_oruk_schema(tmp_path):
    source = tmp_path / "feed.json"
    source.write_text(json.dumps(hsds_service(id="not-a-uuid")))
    run("import-hsds", str(source))
    out_file = tmp_path / "directory.json"

    with pytest.raises(CommandError, match="was not written"):
        run("export-hsds", str(out_file))

    assert not out_file.exists()
