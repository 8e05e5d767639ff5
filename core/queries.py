"""Reading many rows of plain numbers without Django's per-value work.

A grouped query of sums returns each value through a converter (`int()` of
an int, for every column of every row): over a few thousand rows of twenty
sums that costs more than the query. `plain_rows` runs the queryset's own
SQL on the database it reads from (routers included) and returns the rows as
the database driver gives them. Only for columns whose database values are
already what Python needs: integers and sums of integers (booleans come
back as 0 and 1 on SQLite), never dates, decimals or JSON."""

from django.db import connections
from django.db.models import QuerySet


def plain_rows(queryset: QuerySet) -> tuple[list[str], list[tuple]]:
    """The names of a values()/values_list() queryset's columns, in the order
    the database returns them, and its rows as plain tuples."""
    query = queryset.query
    # As Django's own ValuesIterable names them.
    if query.selected:
        names = list(query.selected)
    else:
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
    sql, params = query.get_compiler(queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return names, cursor.fetchall()
