"""The SQL of the engine stage, shared by the SQLite and PostgreSQL backends.

A search finds, filters, counts and ranks its matches in one statement: the
vendor module gives the statement selecting ``id, content_type_id,
locale_id, score`` of every match (:func:`ranked_rows` calls it ``matches``);
the functions here wrap it to count the matches per content type and locale
and return only the best wanted rows, with their indexed terms.
"""

from collections import Counter

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models.expressions import Col
from wagtail.models import Page

from search.matches import MAX_RERANKED_TERMS_TEXT, RankedMatches, split_terms

#: The page columns of the engine's matched rows, which the wanted pages' conditions may read.
MATCHED_COLUMNS = ("id", "content_type_id", "locale_id")


def capped_terms_column(column):
    """SQL reading at most one character more than :func:`split_terms` reads
    of a terms column (SQLite and PostgreSQL spell it alike)."""
    return f"substr({column}, 1, {MAX_RERANKED_TERMS_TEXT + 1})"


def _columns(node):
    """The columns an expression tree of a query's WHERE reads."""
    if isinstance(node, Col):
        yield node.target.column
    if hasattr(node, "get_source_expressions"):  # a WhereNode's are its children
        for source in node.get_source_expressions():
            if source is not None:
                yield from _columns(source)


def page_conditions(pages, table=None, columns=None):
    """``(sql, params)``: the WHERE conditions of a ``Page`` queryset, on its own
    table, or ``None`` when it can match nothing.

    The engine stage finds, filters and ranks in one statement: the index
    joined to the pages, with the visitor's conditions (live, public, this
    site, language, type) applied inline. Those conditions are the queryset's
    own, so they cannot drift from :func:`search.service.visible_pages`.

    With ``table``, the conditions read that table instead of the pages', which
    must then hold the page columns they read under the same names, all of them
    in ``columns``.
    """
    query = pages.query
    if sum(1 for count in query.alias_refcount.values() if count) > 1:
        raise ValueError("The engine stage takes a queryset of pages filtered without joins.")
    where = query.where
    if table is not None:
        unknown = set(_columns(where)) - set(columns)
        if unknown:
            raise ValueError(f"{table} does not copy the page columns {sorted(unknown)} that the conditions read.")
        where = where.relabeled_clone({query.base_table or pages.model._meta.db_table: table})
    try:
        sql, params = query.get_compiler(connection=connection).compile(where)
    except EmptyResultSet:
        return None
    except FullResultSet:
        return "1 = 1", []
    return sql or "1 = 1", list(params)


def counted_statement(matches, wanted, limit, score_order, terms, count_translations=False):
    """``(sql, params)`` of a statement answering a :class:`RankedMatches` in one go.

    ``matches`` is ``(sql, params)`` selecting ``id, content_type_id,
    locale_id, score`` of every match; ``wanted`` the conditions on those
    columns (:func:`page_conditions` relabeled onto ``matched``) of the rows to
    return. The matches are found and ranked once, counted per (content type,
    locale) in the database, and only the best ``limit`` wanted rows leave it
    (a query matching 5,000 pages no longer sends them all to Python), each
    with its indexed title terms and terms: ``terms`` is ``(join, title
    column, terms column)``, the join of the index table, aliased ``terms``,
    to a ``best`` row. Count rows have no id; best rows carry their position.
    With ``count_translations``, the matches' distinct translation keys are
    counted per content type too (rows with neither id nor locale): the
    pages matched, each counted once whatever its languages.
    """
    matches_sql, matches_params = matches
    wanted_sql, wanted_params = wanted
    terms_join, title_column, terms_column = terms
    sql = (
        # Read twice, so computed once by PostgreSQL and SQLite alike (no
        # MATERIALIZED, which SQLite before 3.35 does not know).
        f"WITH matched AS ({matches_sql}) "  # noqa: S608  a statement the backend composed; values are parameters
        # The first row's id typed: PostgreSQL types a union's column from its first rows,
        # and two untyped NULLs (counts of both kinds) would make it text.
        "SELECT CAST(NULL AS INTEGER), content_type_id, locale_id, COUNT(*), NULL, NULL FROM matched "
        "GROUP BY content_type_id, locale_id "
        f"{_translation_counts() if count_translations else ''}"
        f"UNION ALL SELECT best.*, {title_column}, {capped_terms_column(terms_column)} FROM ("
        f"SELECT id, content_type_id, locale_id, ROW_NUMBER() OVER (ORDER BY score {score_order}, id) AS position "
        f"FROM matched WHERE {wanted_sql} ORDER BY score {score_order}, id LIMIT {int(limit)}"
        f") AS best JOIN {terms_join}"
    )
    return sql, [*matches_params, *wanted_params]


def _translation_counts():
    """The union's rows counting every match's distinct translation keys per content type."""
    page_table = Page._meta.db_table
    return (
        "UNION ALL SELECT NULL, page.content_type_id, NULL, COUNT(DISTINCT page.translation_key), NULL, NULL "  # noqa: S608  the pages' table name
        f'FROM matched JOIN "{page_table}" AS page ON page.id = matched.id GROUP BY page.content_type_id '
    )


def ordered_statement(matches, score_order):
    """``(sql, params)``: the ``id, content_type_id, locale_id`` of ``matches`` (as for
    :func:`counted_statement`), best first."""
    sql, params = matches
    return f"SELECT id, content_type_id, locale_id FROM ({sql}) AS matched ORDER BY score {score_order}, id", params  # noqa: S608  a statement the backend composed; values are parameters


def counted_rows(rows):
    """The :class:`RankedMatches` of a :func:`counted_statement`'s rows."""
    counts, translations, best, terms = Counter(), Counter(), [], {}
    for pk, content_type, locale, number, title_terms, all_terms in rows:
        if pk is None and locale is None:
            translations[content_type] = number
        elif pk is None:
            counts[(content_type, locale)] = number
        else:
            best.append((number, (pk, content_type, locale)))
            terms[pk] = (title_terms.split(), split_terms(all_terms))
    best.sort()
    return RankedMatches(rows=[row for _number, row in best], counts=counts, terms=terms, translations=translations)


def wanted_conditions(wanted):
    """The conditions of the ``wanted`` pages' queryset on the matched rows."""
    if wanted is None:
        return "1 = 1", []
    conditions = page_conditions(wanted, table="matched", columns=MATCHED_COLUMNS)
    return conditions if conditions is not None else ("1 = 0", [])


def ranked_rows(pages, statement, limit=None, table=None, columns=None, planner_settings=None):
    """Run an engine statement over ``pages`` (:func:`ordered_statement` or
    :func:`counted_statement`) and return its rows.

    ``statement(where, where_params)`` gives the statement's SQL and parameters
    around the pages' conditions (:func:`page_conditions`, on ``table`` if
    given); none are run when the pages can match nothing.

    ``planner_settings`` (PostgreSQL) hold for this statement only: set in the
    same round trip, local to its transaction, and put back after it.
    """
    conditions = page_conditions(pages, table, columns)
    if conditions is None:
        return []
    sql, params = statement(*conditions)
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        if not planner_settings:
            cursor.execute(sql, params)
            return cursor.fetchall()
        # One query string, so one implicit transaction outside an explicit one
        # (Django's PostgreSQL cursors bind parameters on the client, which
        # allows several statements).
        setting, put_back = [], []
        for name, value in planner_settings.items():
            setting.append(f"SET LOCAL {name} = {value}")
            put_back.append(f"SET LOCAL {name} TO DEFAULT")
        cursor.execute("; ".join([*setting, sql, *put_back]), params)
        for _setting in setting:
            cursor.nextset()
        return cursor.fetchall()


def page_row_columns(page_table):
    return f'"{page_table}"."id", "{page_table}"."content_type_id", "{page_table}"."locale_id"'
