"""A copy of the test database taken once, after migrations and the site
pages, that each browser test starts from: the same rows Django's serialized
rollback would save again one by one, restored by the database instead.

SQLite (the in-memory test database): the backup API copies the whole
database in one call. PostgreSQL: a copy of every non-empty table in a
schema of its own, put back with `INSERT ... SELECT` while foreign keys wait
(`session_replication_role`, which needs a superuser, as the throwaway CI
cluster's user is). Anything else, or a user without that right: no snapshot,
and Django's serialized rollback does the work as before.

Where PostgreSQL took the copy, emptying the database after each test
deletes the rows table by table in one transaction, with foreign keys
waiting in the same way, instead of Django's `TRUNCATE` of every table: a
truncate makes each table's files anew (about 0.4 s for this schema), while
these tables hold a few rows each."""

import sqlite3
from dataclasses import dataclass

SCHEMA = "browser_snapshot"


@dataclass
class PostgresCopy:
    schema: str
    tables: list[str]  # the non-empty ones, copied into `schema`
    every_table: list[str]


def take(connection, schema: str = SCHEMA):
    """A copy of the database as it is now (committed), or None where this
    database cannot take one."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return copy
    if connection.vendor == "postgresql" and _is_superuser(connection):
        return _take_postgresql(connection, schema)
    return None


def restore(connection, snapshot) -> None:
    """Makes the database what it was when `snapshot` was taken, whatever it
    holds now."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        snapshot.backup(connection.connection)
    else:
        _restore_postgresql(connection, snapshot)


def discard(connection, snapshot) -> None:
    if connection.vendor == "sqlite":
        snapshot.close()
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {snapshot.schema} CASCADE")


def _is_superuser(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return bool(cursor.fetchone()[0])


def _take_postgresql(connection, schema: str) -> PostgresCopy:
    from django.db import transaction

    every_table = connection.introspection.django_table_names(include_views=False)
    tables = []
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        for table in every_table:
            quoted = connection.ops.quote_name(table)
            # Table names come from the models, quoted by Django.
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quoted})")  # noqa: S608
            if cursor.fetchone()[0]:
                cursor.execute(f"CREATE TABLE {schema}.{quoted} AS TABLE {quoted}")
                tables.append(table)
    return PostgresCopy(schema=schema, tables=tables, every_table=every_table)


def _restore_postgresql(connection, snapshot: PostgresCopy) -> None:
    from django.db import transaction

    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # Usually empty already (emptied after each test): a few ms.
        for statement in _emptying(quote, snapshot.every_table):
            cursor.execute(statement)
        for table in snapshot.tables:
            cursor.execute(
                f"INSERT INTO {quote(table)} SELECT * FROM {snapshot.schema}.{quote(table)}"  # noqa: S608
            )


def _emptying(quote, tables) -> list[str]:
    """Statements emptying `tables` with `DELETE` in a transaction, with
    foreign-key triggers off for what runs until the role is set back or
    the transaction ends (the role is `LOCAL`)."""
    return [
        "SET LOCAL session_replication_role = replica",
        *(f"DELETE FROM {quote(table)}" for table in tables),  # noqa: S608
    ]


def deleting_flush(sql_flush):
    """`sql_flush` for a PostgreSQL database whose copy was taken (its user
    is a superuser): the same tables emptied with `DELETE`. Sequences are
    reset, when asked, by Django's own statements."""

    def flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return sql_flush(
                self,
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        return [
            *_emptying(self.quote_name, tables),
            "SET LOCAL session_replication_role = origin",
        ]

    return flush
