from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class CountedPaginator(Paginator[Any]):
    """A paginator told the list's length (known from the counts per state) instead of
    counting it again: one scan of the dossiers instead of two. The queue page and the API's.

    A page is read in two steps: the numbers of its rows first, in the list's order (a scan
    of an index when one covers the filters and the order), then those rows whole. Read whole
    at once, every dossier the filters select was fetched from the table to be sorted, answers
    and all: tens of thousands for « échéance dépassée » at a million dossiers.
    """

    def __init__(self, object_list: Any, per_page: int, *, total: int) -> None:
        super().__init__(object_list, per_page)
        self.total = total

    @property
    def count(self) -> int:
        return self.total

    def page(self, number: Any) -> Page[Any]:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        queryset: QuerySet[Any] = self.object_list  # type: ignore[assignment]
        keys = list(queryset.values_list("pk", flat=True)[bottom:top])
        rows = queryset.in_bulk(keys)
        return Page([rows[key] for key in keys if key in rows], number, self)
