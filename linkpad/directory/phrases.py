"""What people say: the everyday phrases behind each category, which search matches by meaning.

Linkpad ships a first set for the ALISS categories (data/taxonomy/what_people_say.toml, loaded with
the ALISS taxonomy by `linkpad demo`, `import-aliss` and `import-hsds`); directory editors add their
own and remove any from the "What people say" pages. A shipped phrase an editor removed stays
removed: its row is kept, hidden, so the next load does not put it back. Every change embeds only
the phrases that need it and tells search the index changed.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from linkpad.core import tomlfile

from .models import CategoryPhrase, TaxonomyTerm
from .search.encoder import MODEL_NAME, get_encoder
from .search.indexing import index_changed
from .search.query import query_vector

MIN_WORDS = 2
MAX_LENGTH = 200


def shipped_phrases_file() -> Path:
    return Path(settings.LINKPAD_DATA_DIR) / "taxonomy" / "what_people_say.toml"


def shipped_phrases(path: Path | None = None) -> dict[str, list[str]]:
    """{category slug: [phrase, ...]} from the TOML file, checked; a ValueError says what is wrong."""
    path = path or shipped_phrases_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"There is no phrases file at {path}.") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path.name} is not valid TOML: {error}.") from None
    categories = data.get("categories")
    if not isinstance(categories, dict):
        raise ValueError(f"{path.name} has no [categories.<slug>] tables.")
    found: dict[str, list[str]] = {}
    for slug, table in categories.items():
        phrases = table.get("phrases") if isinstance(table, dict) else None
        if not isinstance(phrases, list) or not all(isinstance(text, str) for text in phrases):
            raise ValueError(f'{path.name}: [categories.{slug}] needs phrases = ["...", ...].')
        cleaned = []
        for text in phrases:
            text = clean_phrase(text)
            problem = phrase_problem(text)
            if problem:
                raise ValueError(f"{path.name}: [categories.{slug}] {text!r}: {problem}")
            if text not in cleaned:
                cleaned.append(text)
        found[slug] = cleaned
    return found


def clean_phrase(text: str) -> str:
    """One line, single spaces.

    >>> clean_phrase("  my dad  sits in\\non his own ")
    'my dad sits in on his own'
    """
    return " ".join(text.split())


def phrase_problem(text: str) -> str | None:
    """What is wrong with a phrase, in plain words, or None.

    >>> phrase_problem("lonely")
    'Write at least 2 words: what a person would say, not a keyword.'
    >>> phrase_problem("my mum died and I can't stop crying") is None
    True
    """
    if len(text.split()) < MIN_WORDS:
        return f"Write at least {MIN_WORDS} words: what a person would say, not a keyword."
    if len(text) > MAX_LENGTH:
        return f"Keep it under {MAX_LENGTH} characters."
    return None


@dataclass
class PhrasesReport:
    added: int = 0
    removed: int = 0
    unchanged: int = 0
    embedded: int = 0

    def summary(self) -> str:
        return (
            f"What people say: {self.added} phrases added, {self.removed} removed, "
            f"{self.unchanged} unchanged, {self.embedded} embedded."
        )


def phrases_load(path: Path | None = None) -> PhrasesReport:
    """Bring the shipped phrases in line with the file: add new ones, drop ones the file no longer
    has (editors' own phrases are never touched), embed what needs it. Running it again changes
    nothing. The file is checked whole before anything is written."""
    wanted = shipped_phrases(path)
    report = PhrasesReport()
    with transaction.atomic():
        existing = {
            (row.category, row.text): row
            for row in CategoryPhrase.objects.filter(shipped=True).only("pk", "category", "text")
        }
        keys = {(slug, text) for slug, texts in wanted.items() for text in texts}
        stale = [row.pk for key, row in existing.items() if key not in keys]
        report.removed = CategoryPhrase.objects.filter(pk__in=stale).delete()[0]
        taken = set(
            CategoryPhrase.objects.filter(shipped=False).values_list("category", "text")
        )  # an editor wrote the same words first: keep theirs
        new = [
            CategoryPhrase(category=slug, text=text, shipped=True)
            for slug, text in sorted(keys - set(existing) - taken)
        ]
        CategoryPhrase.objects.bulk_create(new)
        report.added, report.unchanged = len(new), len(keys & set(existing))
        report.embedded = phrases_embed()
        if report.added or report.removed or report.embedded:
            index_changed()
    return report


EXPORT_HEADER = """\
# What people say: everyday words for each category, as this Linkpad's directory editors keep them.
# Exported {day} by `linkpad phrases export`. Load it elsewhere with `linkpad phrases load FILE`.
# Phrases are reworded by editors so that nobody can be recognised; check before sharing.
"""


def phrases_export(*, today=None) -> str:
    """Every phrase search uses now (shipped and editors' own, not removed ones), as a TOML file in
    the shipped file's format, categories in order. `shipped_phrases` reads it back unchanged."""
    grouped: dict[str, list[str]] = {}
    for category, text in (
        CategoryPhrase.objects.filter(hidden=False)
        .order_by("category", "text")
        .values_list("category", "text")
    ):
        grouped.setdefault(category, []).append(text)
    out = [EXPORT_HEADER.format(day=(today or timezone.localdate()).isoformat())]
    for category, texts in grouped.items():
        out.append(f"\n[categories.{tomlfile.key(category)}]\nphrases = [\n")
        out.extend(f"  {tomlfile.value(text)},\n" for text in texts)
        out.append("]\n")
    return "".join(out)


def phrases_summary() -> str:
    """One line on what search uses now, for the demo and the commands."""
    rows = CategoryPhrase.objects.filter(hidden=False)
    categories = rows.values("category").distinct().count()
    return f"What people say: {rows.count():,} phrases for {categories:,} categories."


def phrases_load_for_import() -> str | None:
    """`phrases_load` for the import commands: a missing or broken phrases file must not stop an
    import of services, so this returns the problem to warn about (None when all is well)."""
    try:
        phrases_load()
    except ValueError as error:
        return f"What people say was not brought up to date: {error}"
    return None


def phrases_embed(batch_size: int = 256) -> int:
    """Embed every phrase with no vector (or one from another model); returns how many."""
    rows = list(CategoryPhrase.objects.exclude(model_name=MODEL_NAME).only("pk", "text"))
    for start in range(0, len(rows), batch_size):
        batch = rows[start : start + batch_size]
        for row, vector in zip(batch, _vectors([row.text for row in batch]), strict=True):
            row.embedding, row.model_name = vector.tobytes(), MODEL_NAME
        CategoryPhrase.objects.bulk_update(batch, ["embedding", "model_name"])
    return len(rows)


_memo: dict[str, np.ndarray] = {}


def _vectors(texts: Sequence[str]) -> list[np.ndarray]:
    """Phrase vectors, remembered per process: loading the same file again (tests, a second
    directory import) costs nothing."""
    new = [text for text in dict.fromkeys(texts) if text not in _memo]
    if new:
        _memo.update(zip(new, get_encoder().encode(new), strict=True))
    return [_memo[text] for text in texts]


# Editors -------------------------------------------------------------------------------------------


def category_key(term: TaxonomyTerm) -> str:
    """What phrases (and search facts) call a category: its slug, or its id when it has none."""
    return term.slug or term.pk


@transaction.atomic
def phrase_add(*, term: TaxonomyTerm, text: str, by) -> CategoryPhrase:
    """A directory editor's own phrase for this category; ValidationError when it won't do."""
    text = clean_phrase(text)
    problem = phrase_problem(text)
    if problem:
        raise ValidationError({"text": problem})
    key = category_key(term)
    if CategoryPhrase.objects.filter(category=key, text__iexact=text).exists():
        raise ValidationError({"text": f"{term.name} already has that phrase."})
    phrase = CategoryPhrase(category=key, text=text, added_by=by)
    phrase.embedding, phrase.model_name = _vectors([text])[0].tobytes(), MODEL_NAME
    phrase.full_clean()
    phrase.save()
    index_changed()  # in the same transaction: other processes see both or neither
    return phrase


@transaction.atomic
def phrase_remove(*, phrase: CategoryPhrase) -> None:
    """Take a phrase out of search: an editor's own is deleted, a shipped one hidden (so that loading
    the file again does not bring it back)."""
    if phrase.shipped:
        phrase.hidden = True
        phrase.save(update_fields=["hidden"])
    else:
        phrase.delete()
    index_changed()  # in the same transaction: other processes see both or neither


@transaction.atomic
def phrase_restore(*, phrase: CategoryPhrase) -> None:
    """Put a removed shipped phrase back into search."""
    phrase.hidden = False
    phrase.save(update_fields=["hidden"])
    index_changed()  # in the same transaction: other processes see both or neither


# Reading ---------------------------------------------------------------------------------------------


@dataclass
class CategoryCount:
    term: TaxonomyTerm
    key: str
    phrases: int


def categories_with_counts() -> list[CategoryCount]:
    """Every category, in tree order (by its path), with how many phrases search uses for it."""
    counts = Counter(CategoryPhrase.objects.filter(hidden=False).values_list("category", flat=True))
    terms = list(TaxonomyTerm.objects.select_related("parent__parent"))
    rows = [
        CategoryCount(term=term, key=category_key(term), phrases=counts[category_key(term)]) for term in terms
    ]
    return sorted(rows, key=lambda row: category_path(row.term).casefold())


def category_path(term: TaxonomyTerm) -> str:
    names, seen = [], set()
    while term is not None and term.pk not in seen:
        names.append(term.name)
        seen.add(term.pk)
        term = term.parent
    return " > ".join(reversed(names))


def term_for_key(key: str) -> TaxonomyTerm | None:
    return TaxonomyTerm.objects.filter(slug=key).first() or TaxonomyTerm.objects.filter(pk=key).first()


@dataclass
class PhraseMatch:
    category: str
    term: TaxonomyTerm | None
    phrase: str
    score: float


def phrase_matches(text: str, *, limit: int = 5) -> list[PhraseMatch]:
    """The categories whose phrases come closest to `text`, each with its nearest phrase: what
    search would lift for these words. For editors checking a list."""
    rows = list(
        CategoryPhrase.objects.filter(hidden=False, model_name=MODEL_NAME).values_list(
            "category", "text", "embedding"
        )
    )
    if not rows or not text.strip():
        return []
    vectors = np.vstack([np.frombuffer(bytes(blob), dtype=np.float32) for _, _, blob in rows])
    scores = vectors @ query_vector(clean_phrase(text))
    best: dict[str, int] = {}
    for position in np.argsort(-scores):
        best.setdefault(rows[position][0], int(position))
        if len(best) == limit:
            break
    terms = {category_key(term): term for term in TaxonomyTerm.objects.filter(slug__in=list(best))}
    terms.update({term.pk: term for term in TaxonomyTerm.objects.filter(pk__in=list(best))})
    return [
        PhraseMatch(category=key, term=terms.get(key), phrase=rows[at][1], score=float(scores[at]))
        for key, at in best.items()
    ]
