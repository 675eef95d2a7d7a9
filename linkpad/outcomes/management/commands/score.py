import json

from django.core.management import BaseCommand, CommandError

from linkpad.outcomes.measures import MEASURES, UnknownMeasure, measure_named
from linkpad.outcomes.scoring import AnswerError, Result

NOT_A_NUMBER = "{measure} item {number} must be a whole number, not '{text}'."


class Command(BaseCommand):
    help = "Score a measure from its answers in item order, e.g. `linkpad score phq9 1 0 2 1 0 0 1 0 0`."

    def add_arguments(self, parser):
        parser.add_argument("measure", help=f"One of: {', '.join(MEASURES)} (or PHQ-9, GAD-7 …).")
        parser.add_argument("answers", nargs="*", help="The answer to each item, item 1 first.")
        parser.add_argument("--json", action="store_true", help="Print JSON: raw, score, band, flags.")

    def handle(self, *args, measure: str, answers: list[str], json: bool, **options):
        try:
            found = measure_named(measure)
            result = found.score(_numbers(answers, found.short_name))
        except (UnknownMeasure, AnswerError) as error:
            raise CommandError(str(error), returncode=2) from error
        if json:
            self.stdout.write(_json(_as_dict(result)))
            return
        self.stdout.write(found.name)
        for line in _lines(result):
            self.stdout.write(line)


def _numbers(texts: list[str], measure: str) -> list[int]:
    numbers = []
    for number, text in enumerate(texts, start=1):
        try:
            numbers.append(int(text))
        except ValueError:
            raise AnswerError(NOT_A_NUMBER.format(measure=measure, number=number, text=text)) from None
    return numbers


def _lines(result: Result) -> list[str]:
    lines = []
    if result.raw is not None:
        lines += [f"Raw score: {result.raw}", f"Score: {result.score}", f"Band: {result.band or 'none'}"]
    for part in result.parts:
        lines.append(f"{part.label}: {part.score} ({part.band})")
    lines.append(f"Flags: {', '.join(result.flags) or 'none'}")
    return lines


def _as_dict(result: Result) -> dict:
    found = {"raw": result.raw, "score": result.score, "band": result.band, "flags": list(result.flags)}
    if result.parts:
        found["parts"] = [{"key": p.key, "score": p.score, "band": p.band} for p in result.parts]
    return found


def _json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)
