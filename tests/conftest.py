import pytest

from tests.factories import ModeratorFactory


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


@pytest.fixture
def moderator(db):
    """Charter staff: a member of the "Moderators" group (the one ``moderator`` of the suite)."""
    return ModeratorFactory()
