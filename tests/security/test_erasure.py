"""Erasure on request: ``manage.py erase_concerns EMAIL`` anonymises a resident's questions and
concerns and keeps the counts."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from concerns.models import Concern
from tests.factories import ModeratorFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

EMAIL = "rita.resident@example.net"


@pytest.fixture
def concerns():
    project = PublishedProjectFactory(slug="bins")
    mine = [
        Concern.objects.create(
            project=project,
            slug=project.slug,
            kind="question",
            message="I live at 4 Example Street. Is my data shared?",
            email=EMAIL,
            consent_to_publish=True,
            published=True,
            answered_at=timezone.now(),
            answered_by=ModeratorFactory(),
            public_response="Rita, your data at 4 Example Street is not shared.",
        ),
        Concern.objects.create(
            project=project,
            slug=project.slug,
            kind="opt_out",
            message="Take me out of this, please.",
            email=EMAIL.upper(),
        ),
    ]
    other = Concern.objects.create(
        project=project, slug=project.slug, kind="question", message="Other", email="x@example.net"
    )
    return mine, other


def erase(*args) -> str:
    out = StringIO()
    call_command("erase_concerns", *args, stdout=out)
    return out.getvalue()


def test_the_residents_concerns_are_anonymised_and_counted_still(concerns, client):
    mine, other = concerns
    output = erase(EMAIL)
    assert "Anonymised 2 concern(s)" in output
    for concern in mine:
        concern.refresh_from_db()
        assert concern.email == ""
        assert concern.message == ""
        assert concern.public_response == ""
        assert not concern.published and not concern.consent_to_publish
        assert concern.anonymised_at is not None
        assert concern.slug == "bins"  # which project and when stay, for the counts
    assert Concern.objects.count() == 3
    other.refresh_from_db()
    assert other.email == "x@example.net" and other.message == "Other"
    page = client.get("/register/bins/").content.decode()
    assert "Example Street" not in page


def test_dry_run_changes_nothing(concerns):
    output = erase(EMAIL, "--dry-run")
    assert "Would anonymise 2 concern(s)" in output
    assert "Nothing was changed" in output
    assert Concern.objects.filter(email__iexact=EMAIL, anonymised_at__isnull=True).count() == 2


def test_running_it_again_finds_nothing_more(concerns):
    erase(EMAIL)
    assert "Anonymised 0 concern(s)" in erase(EMAIL)


def test_moderators_still_see_an_anonymised_concern(concerns, client):
    mine, _other = concerns
    erase(EMAIL)
    client.force_login(ModeratorFactory())
    assert client.get(f"/moderation/concerns/{mine[0].pk}/").status_code == 200
    assert client.get("/moderation/concerns/").status_code == 200


def test_a_blank_address_is_refused():
    with pytest.raises(CommandError, match="email address"):
        call_command("erase_concerns", " ")
