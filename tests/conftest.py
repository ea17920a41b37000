import pytest


@pytest.fixture(autouse=True)
def _clear_cache(request):
    """Each database test starts with an empty shared cache."""
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    ):
        from django.core.cache import cache

        request.getfixturevalue("db") if "transactional_db" not in request.fixturenames else None
        cache.clear()
    yield
