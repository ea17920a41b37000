import pytest
from django.db import transaction

from .world import build_world


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The objects of ``tests.security.world``, made once per module for its many requests, in
    a transaction rolled back at the end. Each test runs inside it in its own savepoint
    (pytest-django's ``db``), so whatever a request changes is undone before the next test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(shared_world, db):
    return shared_world
