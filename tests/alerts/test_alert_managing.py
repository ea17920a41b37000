"""Leaving and managing: the link in every email, one-click unsubscribe (RFC 8058) and the
address's alerts page, all by signed links with no password."""

import re

import pytest
from django.core import mail
from django.test import Client

from alerts import tokens
from alerts.models import Subscriber, Subscription
from tests.factories import PublishedProjectFactory

from .helpers import path_of, subscribe

pytestmark = pytest.mark.django_db

EMAIL = "rita@example.net"


def manage_url(subscription) -> str:
    return f"/alerts/manage/{tokens.manage_token(subscription.subscriber)}/"


def stop_url(subscription) -> str:
    return f"/alerts/unsubscribe/{tokens.unsubscribe_token(subscription)}/"


def test_the_link_asks_first_and_the_button_stops_the_alert(client):
    subscription = subscribe(client, EMAIL, "?area=wirral")
    csrf_client = Client(enforce_csrf_checks=True)
    page = csrf_client.get(stop_url(subscription))
    assert page.status_code == 200
    assert "Stop these emails" in page.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    done = csrf_client.post(stop_url(subscription), {"csrfmiddlewaretoken": token.group(1)})
    assert done.status_code == 200
    assert "You will not get these emails any more" in done.content.decode()
    assert not Subscription.objects.exists()
    assert not Subscriber.objects.exists()  # nothing kept about the address


def test_one_click_needs_no_cookie_or_token_but_a_plain_post_does(client):
    subscription = subscribe(client, EMAIL)
    mail_program = Client(enforce_csrf_checks=True)
    forged = mail_program.post(stop_url(subscription), {"confirm": "1"})
    assert forged.status_code == 403  # a form post from elsewhere is still checked
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    one_click = mail_program.post(stop_url(subscription), {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    again = mail_program.post(stop_url(subscription), {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200


def test_stopping_one_alert_keeps_the_others(client):
    first = subscribe(client, EMAIL, "?area=wirral")
    subscribe(client, EMAIL, "?area=sefton")
    response = client.post(stop_url(first))
    assert "Your other alerts carry on" in response.content.decode()
    assert Subscription.objects.count() == 1


def test_a_link_that_was_tampered_with_finds_nothing(client):
    subscription = subscribe(client, EMAIL)
    token = tokens.unsubscribe_token(subscription)
    assert client.get(f"/alerts/manage/{token}/").status_code == 404  # wrong kind of link
    assert client.get("/alerts/manage/1:forged/").status_code == 404
    confirm_token = tokens.confirm_token(subscription)
    client.post(f"/alerts/unsubscribe/{confirm_token}/", {"List-Unsubscribe": "One-Click"})
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_the_alerts_page_lists_the_address_alerts_and_nothing_else(client):
    project = PublishedProjectFactory(title="Bus times")
    mine = subscribe(client, EMAIL, "?area=wirral&uses_ai=yes")
    subscribe(client, EMAIL, follow=project.slug)
    subscribe(client, "someone@example.net", "?area=sefton")
    response = client.get(manage_url(mine))
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert "Wirral" in page and "Uses AI" in page and "Bus times" in page
    assert "Sefton" not in page


def test_changing_an_alert(client):
    subscription = subscribe(client, EMAIL)
    url = f"{manage_url(subscription)}{subscription.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"frequency": "weekly", "kinds": []})
    assert "Choose at least one thing to hear about" in response.content.decode()
    response = client.post(url, {"frequency": "weekly", "kinds": ["withdrawn"]})
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.frequency == "weekly" and subscription.kinds == ["withdrawn"]
    other = subscribe(client, "someone@example.net")
    assert client.get(f"{manage_url(subscription)}{other.pk}/").status_code == 404


def test_stopping_everything_forgets_the_address_and_the_link(client):
    subscription = subscribe(client, EMAIL)
    subscribe(client, EMAIL, "?area=wirral")
    url = manage_url(subscription)
    response = client.post(url, {"stop_all": "1"})
    assert "All your email alerts are stopped" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert client.get(url).status_code == 404


def test_a_new_link_is_sent_only_to_the_address(client):
    subscribe(client, EMAIL)
    response = client.post("/alerts/manage/", {"email": EMAIL})
    nobody = client.post("/alerts/manage/", {"email": "nobody@example.net"})
    assert response["Location"] == nobody["Location"] == "/alerts/check-your-email/"
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    link = re.search(r"https?://\S+/alerts/manage/\S+/", message.body).group(0)
    assert client.get(path_of(link)).status_code == 200


def test_a_stop_link_for_an_alert_stopped_already_says_so(client):
    subscription = subscribe(client, EMAIL)
    url = stop_url(subscription)
    client.post(url, {"List-Unsubscribe": "One-Click"})
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This alert was stopped already" in page
    assert "Stop these emails" not in page  # no button for an alert that is gone
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_forged_stop_link_is_refused_to_a_person_and_to_a_mail_program(client):
    subscription = subscribe(client, EMAIL)
    forged = f"/alerts/unsubscribe/{subscription.pk}:forged/"
    page = client.get(forged)
    assert page.status_code == 404
    assert "This link has expired or is not valid" in page.content.decode()
    one_click = client.post(forged, {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 404
    assert one_click.content.decode() == "This link is not valid.\n"
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_a_change_link_that_is_not_valid_changes_nothing(client):
    subscription = subscribe(client, EMAIL)
    url = f"/alerts/manage/1:forged/{subscription.pk}/"
    response = client.post(url, {"frequency": "weekly", "kinds": ["withdrawn"]})
    assert response.status_code == 404
    assert "This link has expired or is not valid" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.frequency == "immediately" and len(subscription.kinds) == 4


def test_the_page_asking_for_a_new_link_and_its_limit(client):
    page = client.get("/alerts/manage/")
    assert page.status_code == 200
    assert "Get a link to your email alerts" in page.content.decode()
    subscribe(client, EMAIL, REMOTE_ADDR="10.0.5.1")
    for n in range(10):
        response = client.post("/alerts/manage/", {"email": EMAIL}, REMOTE_ADDR="10.0.5.2")
        assert response.status_code == 302, n
    limited = client.post("/alerts/manage/", {"email": EMAIL}, REMOTE_ADDR="10.0.5.2")
    assert limited.status_code == 429
    assert "Please wait an hour" in limited.content.decode()
    # An address gets at most three emails an hour from these pages, however often it is
    # asked: its confirmation was the first, so two links went.
    assert len(mail.outbox) == 2
    assert all(message.to == [EMAIL] for message in mail.outbox)
