"""What the directory's import commands print, shared so they all report the same way."""

from django.core.management import BaseCommand, CommandError

from linkpad.directory.hsds.importer import ImportReport
from linkpad.directory.search.indexing import services_reindex
from linkpad.geography.progress import TextProgress

FAILED = "{count:,} of {total:,} services were not imported; each is named above with the field at fault."
SHOWN_WARNINGS = 20


def progress_for(command: BaseCommand, options: dict) -> TextProgress | None:
    if options.get("no_progress") or options["verbosity"] == 0:
        return None
    return TextProgress(command.stderr._out)


def finish(command: BaseCommand, report: ImportReport, progress: TextProgress | None, verbosity: int) -> None:
    """Index what changed, print the summary and every failure; raise CommandError if any record failed."""
    if report.changed_ids and not report.dry_run:
        indexed = services_reindex(service_ids=report.changed_ids, progress=progress)
        command.stdout.write(
            f"Search index: {indexed.embedded + indexed.updated:,} services brought up to date."
        )
    if progress is not None:
        progress.finish()
    for problem in report.failed:
        command.stderr.write(f"Not imported: {problem}")
    if report.warnings and verbosity >= 1:
        command.stderr.write(f"{len(report.warnings):,} warnings (the records were imported):")
        for problem in report.warnings[: SHOWN_WARNINGS if verbosity < 2 else None]:
            command.stderr.write(f"  {problem}")
    command.stdout.write(report.summary())
    if report.failed:
        raise CommandError(FAILED.format(count=len(report.failed), total=report.total))
