"""Insert-or-update many rows of one model in one statement per chunk, by HSDS id.

Django's `bulk_create(update_conflicts=True)` does the same, but builds a model instance per row;
at tens of thousands of rows per import that is most of the time spent. This writes the
`INSERT ... ON CONFLICT (id) DO UPDATE` that both SQLite (3.24+) and PostgreSQL understand,
with values prepared by the model's own fields.

On PostgreSQL the rows go through `COPY` into a temporary table and one `INSERT ... SELECT ... ON
CONFLICT` per model: a multi-row VALUES statement with thousands of parameters is re-parsed on the
client for every chunk (psycopg caches only short statements), which made PostgreSQL imports run at
a third of SQLite's rate.
"""

from functools import cache

from django.db import connection, models, transaction

#: Columns an import must never overwrite: Linkpad's own links, set by people, not by the feed.
KEEP_ON_UPDATE = {"claimed_by_id"}
CHUNK = 500


@cache
def columns(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields]


@cache
def defaults(model: type[models.Model]) -> dict[str, object]:
    return {f.attname: f.get_default() for f in columns(model) if not f.primary_key}


#: Fields whose Python value goes to the database as it is; the rest are prepared by the field.
PLAIN = (models.CharField, models.TextField, models.FloatField, models.IntegerField, models.BooleanField)


@cache
def preparers(model: type[models.Model]) -> list:
    plain = [isinstance(f, PLAIN) and not isinstance(f, models.JSONField) for f in columns(model)]
    return [
        None if is_plain else f.get_db_prep_save for f, is_plain in zip(columns(model), plain, strict=True)
    ]


def upsert(model: type[models.Model], rows: list[dict]) -> int:
    """Write `rows` (attname -> Python value, each with "id") into `model`'s table; returns the count."""
    if not rows:
        return 0
    fields = columns(model)
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in fields)
    updates = ", ".join(
        f"{quote(f.column)} = excluded.{quote(f.column)}"
        for f in fields
        if not f.primary_key and f.attname not in KEEP_ON_UPDATE
    )
    table = quote(model._meta.db_table)
    base = defaults(model)
    prepare = list(zip([f.attname for f in fields], preparers(model), strict=True))
    prepared = [
        tuple(
            value if prep is None else prep(value, connection)
            for name, prep in prepare
            for value in (row.get(name, base.get(name)),)
        )
        for row in rows
    ]
    conflict = f"ON CONFLICT ({quote(model._meta.pk.column)}) DO UPDATE SET {updates}"
    if connection.vendor == "postgresql":
        _copy_upsert(table, names, conflict, prepared)
        return len(rows)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # Table and column names come from the model's own metadata; every value is a parameter.
    insert = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), CHUNK):
            chunk = prepared[start : start + CHUNK]
            sql = insert + ", ".join([placeholder] * len(chunk)) + " " + conflict
            cursor.execute(sql, [value for row in chunk for value in row])
    return len(rows)


def _copy_upsert(table: str, names: str, conflict: str, prepared: list[tuple]) -> None:
    """PostgreSQL: COPY the rows into a session-local staging table, then upsert them in one statement."""
    staging = connection.ops.quote_name(f"upsert_{table.strip(chr(34))}")
    with transaction.atomic(), connection.cursor() as cursor:
        # Created inside the caller's transaction (and savepoint), so a rollback takes it away too.
        # Names come from the model's metadata; every value travels through COPY.
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP"
        )
        cursor.execute(f"TRUNCATE {staging}")
        with cursor.cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
            for row in prepared:
                copy.write_row(row)
        cursor.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} {conflict}")  # noqa: S608
