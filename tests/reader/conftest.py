import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached reader pages."""
    cache.clear()
    yield
    cache.clear()
