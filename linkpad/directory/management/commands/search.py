import json

from django.core.management import BaseCommand, CommandError

from linkpad.directory.selectors import search_services


class Command(BaseCommand):
    help = "Search the directory the way the pages do, and print the ranked results (or --json)."

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="*", help="What is going on, in the person's words.")
        parser.add_argument(
            "--postcode", "--place", dest="place", help="Postcode, district or neighbourhood."
        )
        parser.add_argument("--radius-km", type=float, default=None, help="Distance to search within (5).")
        parser.add_argument("--age", type=int, default=None, help="The person's age.")
        parser.add_argument("--limit", type=int, default=10, help="How many results to show (10).")
        parser.add_argument("--json", action="store_true", help="Print a JSON list instead of text.")

    def handle(self, *args, text, place, radius_km, age, limit, json: bool, **options):
        try:
            found = search_services(
                text=" ".join(text), place=place, radius_km=radius_km, age=age, limit=limit
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if json:
            self.stdout.write(_json_dumps([_as_dict(result) for result in found.results]))
            return
        where = f" near {found.place.name}" if found.place else ""
        self.stdout.write(f"{found.total} supports found{where}.")
        for rank, result in enumerate(found.results, start=1):
            stale = " (not checked for over a year)" if result.is_stale else ""
            self.stdout.write(f"{rank:>3}. {result.service.name}{stale}  [{result.score:.3f}]")
            self.stdout.write(f"     {result.why}")


def _as_dict(result) -> dict:
    return {
        "id": result.service.pk,
        "name": result.service.name,
        "organization": result.service.organization.name,
        "score": result.score,
        "distance_km": result.distance_km,
        "matched_by": result.matched_by,
        "is_stale": result.is_stale,
        "why": result.why,
    }


def _json_dumps(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)
