import pytest
from django.core import mail

from concerns import services
from concerns.models import Concern
from tests.factories import MembershipFactory, ModeratorFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def concern():
    return services.raise_concern(
        project=PublishedProjectFactory(),
        kind="concern",
        message="Who checks the model is fair?",
        email="resident@example.net",
        consent_to_publish=True,
    )


def test_moderators_see_waiting_concerns_and_answer_them(client, concern):
    client.force_login(ModeratorFactory())
    page = client.get("/moderation/concerns/").content.decode()
    assert "A concern about the project" in page
    assert "Questions and concerns" in page  # a tab of the moderation queue
    detail = client.get(f"/moderation/concerns/{concern.pk}/").content.decode()
    assert "Who checks the model is fair?" in detail
    response = client.post(
        f"/moderation/concerns/{concern.pk}/",
        {"public_response": "Our ethics panel checks it every quarter.", "publish": "on"},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.is_answered and concern.published
    project_page = client.get(concern.project.get_absolute_url())
    assert project_page.status_code == 200


def test_an_empty_answer_is_refused(client, concern):
    client.force_login(ModeratorFactory())
    response = client.post(f"/moderation/concerns/{concern.pk}/", {"public_response": ""})
    assert response.status_code == 200
    assert "Write the answer" in response.content.decode()
    assert not Concern.objects.get(pk=concern.pk).is_answered


def test_without_consent_it_cannot_be_shown(client):
    concern = services.raise_concern(
        project=PublishedProjectFactory(),
        kind="question",
        message="Private question",
        consent_to_publish=False,
    )
    client.force_login(ModeratorFactory())
    client.post(f"/moderation/concerns/{concern.pk}/", {"public_response": "A", "publish": "on"})
    concern.refresh_from_db()
    assert concern.is_answered and not concern.published
    assert mail.outbox == [] or all("Private" not in m.to[0] for m in mail.outbox)


@pytest.mark.parametrize("path", ["/moderation/concerns/", "/moderation/concerns/{pk}/"])
def test_only_moderators(client, concern, path):
    url = path.format(pk=concern.pk)
    assert client.get(url).status_code == 302
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 403
    assert client.post(url, {"public_response": "x"}).status_code == 403
    assert not Concern.objects.get(pk=concern.pk).is_answered


def test_a_published_answer_appears_on_the_cached_project_page_at_once(client, concern):
    project_url = concern.project.get_absolute_url()
    first = client.get(project_url).content.decode()
    assert "Residents have raised 1 question or concern" in first
    assert "Our panel checks it" not in first
    moderator_client = type(client)()
    moderator_client.force_login(ModeratorFactory())
    moderator_client.post(
        f"/moderation/concerns/{concern.pk}/",
        {"public_response": "Our panel checks it.", "publish": "on"},
    )
    page = client.get(project_url).content.decode()
    assert "Our panel checks it." in page
    assert "resident@example.net" not in page
