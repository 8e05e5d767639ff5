"""Writing and deleting rows fast: explicit ids through COPY on PostgreSQL
or `executemany` elsewhere, and deletes as one statement with a subquery."""

from collections.abc import Iterable, Iterator

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

from accounts.models import (
    User,
)


class Writer:
    """Inserts rows with explicit ids: COPY on PostgreSQL, executemany on
    other databases. Columns not given take the field's default."""

    batch_size = 20_000

    def __init__(self) -> None:
        self.models: list[type[models.Model]] = []

    def next_id(self, model: type[models.Model]) -> int:
        return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def insert(
        self, model: type[models.Model], names: list[str], rows: Iterable[tuple]
    ) -> int:
        opts = model._meta
        given = [opts.get_field(name) for name in names]
        rest = [
            f
            for f in opts.concrete_fields
            if f not in given and not isinstance(f, models.fields.AutoFieldMixin)
        ]
        extra = []
        for field in rest:
            if field.has_default():
                extra.append(field.get_db_prep_save(field.get_default(), connection))
            elif field.null:
                extra.append(None)
            elif field.blank and isinstance(field, models.CharField | models.TextField):
                extra.append("")
            else:
                raise ValueError(f"{opts.label}.{field.name} needs a value")
        extra = tuple(extra)
        columns = ", ".join(
            connection.ops.quote_name(f.column) for f in [*given, *rest]
        )
        table = connection.ops.quote_name(opts.db_table)
        full_rows = (row + extra for row in rows) if extra else iter(rows)
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in full_rows:
                        copy.write_row(row)
                        count += 1
            else:
                marks = ", ".join(["%s"] * (len(given) + len(rest)))
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names from model meta
                for batch in _batches(full_rows, self.batch_size):
                    cursor.executemany(sql, batch)
                    count += len(batch)
        if opts.pk in given and model not in self.models:
            self.models.append(model)
        return count

    def reset_sequences(self) -> None:
        """PostgreSQL's id sequences skip past the ids written here."""
        statements = connection.ops.sequence_reset_sql(no_style(), self.models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def delete_where_in(model: type[models.Model], column: str, subquery) -> int:
    """One DELETE with a subquery: no rows fetched into Python."""
    sql, params = subquery.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE {connection.ops.quote_name(column)} IN ({sql})",  # noqa: S608 - names from model meta
            params,
        )
        return cursor.rowcount


def users_delete(users) -> None:
    """Delete users in bulk as the ORM would, one level deep (cascade, set
    null; many-to-many rows too, through their hidden relations), with one
    statement per relation. PROTECT and DO_NOTHING relations are left for the
    database to refuse: a user that real records point at is not deleted."""
    relations = [
        f
        for f in User._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_one or f.one_to_many)
    ]
    with connection.cursor() as cursor:
        for relation in relations:
            model, column = relation.related_model, relation.field.column
            if relation.on_delete is models.CASCADE:
                delete_where_in(model, column, users)
            elif relation.on_delete is models.SET_NULL:
                sql, params = users.query.sql_with_params()
                table = connection.ops.quote_name(model._meta.db_table)
                column = connection.ops.quote_name(column)
                cursor.execute(
                    f"UPDATE {table} SET {column} = NULL WHERE {column} IN ({sql})",  # noqa: S608 - names from model meta
                    params,
                )
    delete_where_in(User, "id", users)
