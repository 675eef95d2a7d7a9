"""The lexical half of search: full-text rank from the database, after a small typo-correction step.

SQLite uses the FTS5 table (Porter stems, BM25); PostgreSQL the generated `search_vector` column
(`websearch_to_tsquery`, `ts_rank`). Both get the same OR-query of the person's words, because lay
text ("can't stop crying since my mum passed") would match nothing with AND. Typo tolerance is the
same on both backends: a word the directory never uses is replaced by the closest word it does use
(difflib ratio ≥ 0.8, same first letter), so "bereavment" finds "bereavement".
"""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache

from django.db import connection

from .encoder import model_dir
from .snapshot import Snapshot

#: How many full-text matches to rank; the blend looks only at the best of these.
LEXICAL_LIMIT = 1000
#: In a large directory a word in more than this share of services says nothing about the need.
COMMON_SHARE = 0.05
COMMON_MIN_SERVICES = 200

STOPWORDS = frozenset(
    """a about after again all am an and any are as at be been before being but by can cant could
    did didnt do does doesnt dont for from get getting go going got had has have having he her here
    him his how i id if im in into is isnt it its ive just know like me more most my myself need
    needs no not now of off on one or our out over really she should so some still such than that
    the their them then there these they this those to too up us very want was wasnt we were what
    when where which who why will with wont would you your yours""".split()
)
WORD = re.compile(r"[a-z0-9]+")


def query_terms(text: str, snapshot: Snapshot, *, drop_common: bool = True) -> list[str]:
    """The words worth matching: no stop words, typos corrected, very common words dropped.

    Dropping words found in over 5% of a large directory costs the blend nothing measurable (nDCG@10
    0.608 -> 0.603 on the labelled set) but keeps the full-text query from ranking tens of thousands
    of rows at 100,000 services. Lexical-only ranking (the benchmark's baseline) keeps them.
    """
    words = WORD.findall(text.lower().replace("'", "").replace("’", ""))
    terms: list[str] = []
    for word in words:
        if word in STOPWORDS or len(word) < 2:
            continue
        word = correct(word, snapshot)
        if word and word not in terms and not (drop_common and _too_common(word, snapshot)):
            terms.append(word)
    return terms


def correct(word: str, snapshot: Snapshot) -> str | None:
    """The directory's closest word to a word it never uses, unless that word is real English.

    "Real English" is a whole word in the encoder's WordPiece vocabulary (30,000 common words), so
    "crying" and "scared" are kept as typed while "bereavment" becomes "bereavement".
    """
    if word in snapshot.vocabulary or word.isdigit() or len(word) < 4 or word in english_words():
        return word
    close = difflib.get_close_matches(word, snapshot.words_starting(word[0]), n=1, cutoff=0.8)
    return close[0] if close else word


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    vocabulary = (model_dir() / "vocab.txt").read_text(encoding="utf-8").split()
    return frozenset(word for word in vocabulary if word.isalpha() and word.islower())


def _too_common(word: str, snapshot: Snapshot) -> bool:
    size = snapshot.size
    return size >= COMMON_MIN_SERVICES and snapshot.vocabulary.get(word, 0) > COMMON_SHARE * size


def lexical_scores(
    terms: list[str], *, among: list[int] | None = None, limit: int = LEXICAL_LIMIT
) -> list[tuple[int, float]]:
    """(search index id, score) of full-text matches, higher is better: the best `limit` of them, or
    with `among` (search index ids) every match among those, ranked only there (a few milliseconds
    where ranking every match of common words in a large directory takes tens)."""
    if not terms or (among is not None and not among):
        return []
    postgresql = connection.vendor == "postgresql"
    words = " or ".join(terms) if postgresql else " OR ".join(f'"{term}"' for term in terms)
    with connection.cursor() as cursor:
        if postgresql and among is None:
            cursor.execute(
                "SELECT id, ts_rank(search_vector, query, 1) FROM directory_servicesearchindex, "
                "websearch_to_tsquery('english', %s) query WHERE search_vector @@ query "
                "ORDER BY 2 DESC LIMIT %s",
                [words, limit],
            )
        elif postgresql:
            cursor.execute(
                "SELECT id, ts_rank(search_vector, query, 1) FROM directory_servicesearchindex, "
                "websearch_to_tsquery('english', %s) query WHERE id = ANY(%s) AND search_vector @@ query",
                [words, among],
            )
        elif among is None:
            cursor.execute(
                "SELECT rowid, -bm25(directory_service_fts) FROM directory_service_fts "
                "WHERE directory_service_fts MATCH %s ORDER BY rank LIMIT %s",
                [words, limit],
            )
        else:
            cursor.execute(
                "SELECT rowid, -bm25(directory_service_fts) FROM directory_service_fts "
                "WHERE directory_service_fts MATCH %s AND +rowid IN (SELECT value FROM json_each(%s))",
                [words, json.dumps(among)],
            )
        return [(int(index_id), float(score)) for index_id, score in cursor.fetchall()]
