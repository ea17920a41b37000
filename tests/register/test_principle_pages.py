import pytest

pytestmark = pytest.mark.django_db


def test_principles_page_lists_all_eleven_with_their_text(client):
    response = client.get("/principles/")
    assert response.status_code == 200
    page = response.content.decode()
    for number in range(1, 12):
        assert f"Principle {number}:" in page
    assert "Protect the dignity, identities and privacy of LCR residents." in page


def test_principle_page_shows_its_text_and_the_questions_that_evidence_it(client):
    response = client.get("/principles/7/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Legality" in page
    assert "Keep up to date on legislation and policy changes with data and AI." in page
    assert "How are you documenting your project&#x27;s compliance with relevant UK data" in page


@pytest.mark.parametrize("path", ["/principles/12/", "/principles/0/"])
def test_unknown_principle_is_not_found(client, path):
    assert client.get(path).status_code == 404
