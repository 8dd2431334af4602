import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """The portal caches budget figures by data version; each test starts without them."""
    cache.clear()
    yield
    cache.clear()
