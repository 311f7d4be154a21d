"""The queue's paginator: told the length, it reads a page's row numbers first, then the rows."""

import pytest

from inscriptions.accounts.models import User
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.review.pagination import CountedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def users():
    for index in range(11):
        UserFactory(email=f"personne{index:02}@example.org")
    return User.objects.order_by("-email")


def test_each_page_holds_the_rows_of_the_list_in_its_order(users, django_assert_num_queries):
    paginator = CountedPaginator(users, 4, total=11)
    everyone = [user.email for user in users]

    with django_assert_num_queries(2):  # the page's numbers, then its rows
        first = [user.email for user in paginator.page(1)]
    second = [user.email for user in paginator.page(2)]
    last = paginator.page(3)

    assert first == everyone[:4]
    assert second == everyone[4:8]
    assert [user.email for user in last] == everyone[8:]
    assert (paginator.num_pages, last.has_next(), last.start_index()) == (3, False, 9)


def test_orphans_join_the_last_page(users):
    paginator = CountedPaginator(users, 5, total=11)
    paginator.orphans = 1

    assert paginator.num_pages == 2
    assert len(paginator.page(2)) == 6


def test_a_row_gone_between_the_two_reads_is_left_out(users, monkeypatch):
    paginator = CountedPaginator(users, 4, total=11)
    first_key = users.first().pk
    in_bulk = type(users).in_bulk

    def deleted_meanwhile(self, keys):
        User.objects.filter(pk=first_key).delete()
        return in_bulk(self, keys)

    monkeypatch.setattr(type(users), "in_bulk", deleted_meanwhile)
    page = [user.pk for user in paginator.page(1)]

    assert first_key not in page
    assert len(page) == 3
