"""The registration's fixtures (catalogue, open session, candidate, frozen time), and a clean
throttle for each test."""

import pytest
from django.core.cache import cache

from inscriptions.registration.tests.conftest import *  # noqa: F403


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # DRF's throttles count in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()
