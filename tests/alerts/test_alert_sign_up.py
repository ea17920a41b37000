"""Signing up for an alert: no account, double opt-in, and nothing that says whether an address
was already signed up."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from alerts.models import Subscriber, Subscription
from tests.factories import ProjectFactory, PublishedProjectFactory

from .helpers import confirm_link, publish, send_alerts, sent_to, sign_up, subscribe

pytestmark = pytest.mark.django_db

EMAIL = "rita@example.net"


def test_the_form_says_what_the_search_is(client):
    page = client.get("/alerts/new/?area=wirral&uses_ai=yes&page=3&sort=title").content.decode()
    assert "Get emails about projects like these" in page
    assert "Wirral" in page and "Uses AI" in page
    assert 'href="/register/?area=wirral&amp;uses_ai=yes"' in page  # back to the same list


def test_no_search_means_every_project(client):
    page = client.get("/alerts/new/").content.decode()
    assert "every project on the register" in page


def test_signing_up_keeps_the_search_and_sends_only_a_confirmation(client):
    sign_up(client, EMAIL, "?area=wirral&area=sefton&uses_ai=yes&q=bus+times&sort=title&page=2")
    subscription = Subscription.objects.get()
    assert subscription.filters == {
        "area": ["wirral", "sefton"],
        "q": "bus times",
        "uses_ai": "yes",
    }
    assert not subscription.is_confirmed
    assert subscription.subscriber.email == EMAIL
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert "Confirm your email alert" in message.body
    assert "/alerts/confirm/" in message.body
    assert "List-Unsubscribe" not in message.extra_headers


def test_nothing_is_sent_before_confirming(client):
    sign_up(client, EMAIL)
    mail.outbox.clear()
    publish()
    send_alerts()
    assert mail.outbox == []


def test_the_link_shows_a_button_and_only_the_button_confirms(client):
    sign_up(client, EMAIL)
    link = confirm_link(EMAIL)
    page = client.get(link)
    assert page.status_code == 200 and "Confirm" in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]
    assert not Subscription.objects.get().is_confirmed  # a mail scanner opening it confirms nothing
    done = client.post(link)
    assert done.status_code == 200
    assert "Your email alert is set up" in done.content.decode()
    assert Subscription.objects.get().is_confirmed


def test_a_wrong_or_expired_link_says_so(client, time_machine):
    assert client.get("/alerts/confirm/not-a-token/").status_code == 404
    sign_up(client, EMAIL)
    link = confirm_link(EMAIL)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=8))
    response = client.post(link)
    assert response.status_code == 404
    assert "expired" in response.content.decode()
    assert not Subscription.objects.get().is_confirmed


def test_bad_input_is_explained_and_kept(client):
    response = client.post("/alerts/new/?area=wirral", {"email": "rita at home", "kinds": []})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in page
    assert "Choose how often you want emails" in page
    assert "Choose at least one thing to hear about" in page
    assert 'value="rita at home"' in page
    assert Subscription.objects.count() == 0 and mail.outbox == []


def test_each_kind_of_event_can_be_left_out(client):
    sign_up(client, EMAIL, kinds=["published", "withdrawn"], frequency="weekly")
    subscription = Subscription.objects.get()
    assert subscription.kinds == ["published", "withdrawn"]
    assert subscription.frequency == "weekly"


def test_following_a_project(client):
    project = PublishedProjectFactory(title="Bus times")
    page = client.get(f"/alerts/follow/{project.slug}/").content.decode()
    assert "Get emails when this project changes" in page and "Bus times" in page
    sign_up(client, EMAIL, follow=project.slug)
    subscription = Subscription.objects.get()
    assert subscription.kind == "follow" and subscription.slug == project.slug
    assert "Bus times" in mail.outbox[0].body


def test_only_a_published_project_can_be_followed(client):
    draft = ProjectFactory()
    assert client.get(f"/alerts/follow/{draft.slug}/").status_code == 404
    assert client.get("/alerts/follow/no-such-project/").status_code == 404


def test_the_page_is_the_same_whether_or_not_the_address_had_the_alert(client):
    first = client.post(
        "/alerts/new/?area=wirral", {"email": EMAIL, "frequency": "weekly", "kinds": ["published"]}
    )
    subscribe(client, "other@example.net", "?area=wirral")
    with TestCase.captureOnCommitCallbacks(execute=True):
        again = client.post(
            "/alerts/new/?area=wirral",
            {"email": "OTHER@example.net", "frequency": "weekly", "kinds": ["published"]},
        )
    assert (first.status_code, first["Location"]) == (again.status_code, again["Location"])
    assert client.get(first["Location"]).content == client.get(again["Location"]).content
    # No second alert; the address's owner is told by email that it exists already.
    assert Subscription.objects.filter(subscriber__email="other@example.net").count() == 1
    (told,) = sent_to("other@example.net")
    assert "You already get these emails" in told.body
    assert "/alerts/manage/" in told.body


def test_asking_again_before_confirming_sends_a_new_link_and_keeps_one_alert(client):
    sign_up(client, EMAIL, "?area=wirral", frequency="immediately")
    sign_up(client, EMAIL.upper(), "?area=wirral", frequency="weekly")
    assert Subscription.objects.get().frequency == "weekly"
    assert Subscriber.objects.count() == 1
    assert len(sent_to(EMAIL)) == 2


def test_sign_ups_are_limited_per_internet_address(client):
    for n in range(10):
        sign_up(client, f"person{n}@example.net")
    response = client.post(
        "/alerts/new/",
        {"email": "eleventh@example.net", "frequency": "weekly", "kinds": ["published"]},
    )
    assert response.status_code == 429
    assert "Please wait an hour" in response.content.decode()
    assert not Subscriber.objects.filter(email="eleventh@example.net").exists()


def test_confirmation_emails_are_limited_per_address_without_saying_so(client):
    for n in range(5):
        sign_up(client, EMAIL, f"?q=search{n}", REMOTE_ADDR=f"10.0.0.{n}")
    assert len(sent_to(EMAIL)) == 3  # the same page every time; the rest were not sent


def test_spam_filling_the_hidden_field_is_dropped_quietly(client):
    response = client.post(
        "/alerts/new/",
        {"email": EMAIL, "frequency": "weekly", "kinds": ["published"], "website": "x"},
    )
    assert response.status_code == 302
    assert Subscription.objects.count() == 0 and mail.outbox == []


def test_a_search_is_kept_as_one_clean_line_and_a_refused_one_as_the_list_does(client):
    sign_up(client, EMAIL, "?q=bus%0D%0A%09times&area=wirral")
    assert Subscription.objects.get().filters == {"area": ["wirral"], "q": "bus times"}
    sign_up(client, "other@example.net", "?q=bus%00times&area=wirral")
    # The list refuses the search (and says so); the alert keeps the rest, as the list does.
    kept = Subscription.objects.get(subscriber__email="other@example.net").filters
    assert "\x00" not in str(kept) and kept["area"] == ["wirral"]
