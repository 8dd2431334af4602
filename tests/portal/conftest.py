import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """The portal caches each leader's page by data version; each test starts and ends without them."""
    cache.clear()
    yield
    cache.clear()
