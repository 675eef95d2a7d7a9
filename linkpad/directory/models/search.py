from django.db import models

from .services import Service


class ServiceSearchIndex(models.Model):
    """Linkpad addition: what search needs about one service, computed once when it changes.

    `document` is the text that is embedded and full-text indexed; `embedding` its vector (float32
    bytes, unit length) from `model_name`; `facts` the filterable facts (places, area codes, opening
    sessions, ages, cost, capacity, categories, freshness) so a query never joins the HSDS tables.
    `document_hash` lets a re-index skip re-embedding a service whose text has not changed.
    The lexical index (SQLite FTS5 table, or PostgreSQL `search_vector` column) follows this table.
    """

    id = models.BigAutoField(primary_key=True)
    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="search_index")
    document = models.TextField()
    document_hash = models.CharField(max_length=64)
    model_name = models.CharField(max_length=64)
    embedding = models.BinaryField()
    facts = models.JSONField(default=dict)
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name_plural = "service search index"

    def __str__(self) -> str:
        return f"Search index of {self.service_id}"


class SearchIndexState(models.Model):
    """One row whose `token` changes (to a new random value) whenever the search index changes.

    Each process keeps the vectors and facts in memory and reads this single row per query, which is
    far cheaper than counting the index. A random token rather than a counter, so that a rolled-back
    change can never leave two different indexes with the same version.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=32, blank=True, default="")
    changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Search index state {self.token}"
