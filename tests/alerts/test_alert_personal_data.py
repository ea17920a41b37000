"""The personal data boundary: an alert's address is private, subject access lists it with
what was sent, erasure deletes it, and no public page shows it."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from alerts.models import AlertEvent, Delivery, Subscriber, Subscription
from tests.factories import PublishedProjectFactory

from .helpers import publish, send_alerts, subscribe

pytestmark = pytest.mark.django_db

EMAIL = "private.rita@example.net"


def run(command, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_subject_access_lists_the_alerts_and_what_was_sent(client):
    subscribe(client, EMAIL, "?area=wirral")
    project = publish(title="Wirral bus times", areas=["wirral"])
    send_alerts()
    document = json.loads(run("export_personal_data", EMAIL.upper()))
    (alert,) = document["email_alerts"]
    assert alert["email"] == EMAIL
    assert alert["search"] == {"area": ["wirral"]}
    assert "Area: Wirral" in alert["about"]
    assert alert["confirmed_at"]
    assert alert["updates_sent"][0]["about"] == project.slug
    assert json.loads(run("export_personal_data", "nobody@example.net"))["email_alerts"] == []


def test_erasure_deletes_the_address_and_what_was_sent(client):
    subscribe(client, EMAIL, "?area=wirral")
    subscribe(client, EMAIL, follow=PublishedProjectFactory().slug)
    subscribe(client, "kept@example.net")
    publish(areas=["wirral"])
    send_alerts()
    assert "Would delete 2 email alert(s)" in run("erase_alerts", EMAIL, "--dry-run")
    assert Subscriber.objects.filter(email=EMAIL).exists()
    assert "Deleted 2 email alert(s)" in run("erase_alerts", EMAIL.upper())
    assert not Subscriber.objects.filter(email=EMAIL).exists()
    assert not Subscription.objects.filter(subscriber__email=EMAIL).exists()
    assert Delivery.objects.filter(subscriber__email="kept@example.net").count() == 1
    assert Delivery.objects.count() == 1
    assert AlertEvent.objects.exists()  # what happened on the register is not personal
    assert "Deleted 0 email alert(s)" in run("erase_alerts", EMAIL)


def test_the_address_is_on_no_page_reached_by_the_links(client):
    subscription = subscribe(client, EMAIL, "?area=wirral")
    from alerts import tokens

    for url in (
        f"/alerts/manage/{tokens.manage_token(subscription.subscriber)}/",
        f"/alerts/manage/{tokens.manage_token(subscription.subscriber)}/{subscription.pk}/",
        f"/alerts/unsubscribe/{tokens.unsubscribe_token(subscription)}/",
        f"/alerts/confirm/{tokens.confirm_token(subscription)}/",
        "/alerts/check-your-email/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert EMAIL not in response.content.decode(), url


def test_the_admin_does_not_list_subscribers():
    from django.contrib import admin

    assert Subscriber not in admin.site._registry
