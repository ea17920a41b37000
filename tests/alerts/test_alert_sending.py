"""``send_alerts``: what happened, to whom, once; digests; retries; a run that is killed."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from alerts.models import AlertEvent, Delivery, Subscriber, Subscription
from alerts.sending import MARK_EVERY
from projects import services
from projects.models import Project
from tests.factories import ModeratorFactory, OrganisationFactory, SubmittedProjectFactory

from .helpers import (
    path_of,
    publish,
    publish_change,
    send_alerts,
    sent_to,
    sign_up,
    subscribe,
    withdraw,
)

pytestmark = pytest.mark.django_db

EMAIL = "rita@example.net"


def test_a_new_matching_project_is_emailed_once(client):
    subscribe(client, EMAIL, "?area=wirral")
    publish(title="Wirral bus times", areas=["wirral"])
    publish(title="Sefton parking", areas=["sefton"])
    output = send_alerts()
    assert "Sent 1 alert(s)" in output
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert message.subject == "New on the register: Wirral bus times"
    assert "Sefton" not in message.body
    project = Project.objects.published().get(title="Wirral bus times")
    assert f"/register/{project.slug}/" in message.body
    send_alerts()
    assert len(mail.outbox) == 1  # once only


def test_every_alert_has_a_one_click_way_out(client):
    subscription = subscribe(client, EMAIL)
    publish()
    send_alerts()
    (message,) = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<https://") or header.startswith("<http://")
    assert "/alerts/unsubscribe/" in header
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = path_of(header.strip("<>"))
    assert f"Stop these emails: {header.strip('<>')}" in message.body
    assert "/alerts/manage/" in message.body
    response = client.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_a_change_says_what_changed_and_links_to_the_history(client):
    first = publish(title="Bus times", areas=["wirral"])
    subscribe(client, EMAIL, follow=first.slug)
    publish_change(first, purpose="A new purpose for the bus times.")
    send_alerts()
    (message,) = mail.outbox
    assert message.subject == "Bus times has changed (version 2)"
    assert "What changed:" in message.body
    assert (
        "- What is the purpose of your project?" in message.body
        or "purpose" in message.body.lower()
    )
    assert f"/register/{first.slug}/history/" in message.body


def test_a_search_hears_of_a_record_that_changed_out_of_it(client):
    first = publish(title="Bus times", areas=["wirral"])
    subscribe(client, EMAIL, "?area=wirral")
    publish_change(first, areas=["sefton"])
    send_alerts()
    (message,) = mail.outbox
    assert "has changed" in message.subject


def test_withdrawal_and_overdue_review(client, time_machine):
    project = publish(title="Bus times")
    other = publish(title="Bin routes")
    subscribe(client, EMAIL)
    withdraw(project, reason="The pilot ended in March.")
    send_alerts()
    (message,) = mail.outbox
    assert message.subject == "Bus times has been withdrawn from the register"
    assert "The pilot ended in March." in message.body
    mail.outbox.clear()
    time_machine.move_to(
        timezone.make_aware(datetime.datetime.combine(other.next_review_due, datetime.time(9)))
        + datetime.timedelta(days=2)
    )
    send_alerts()
    (message,) = mail.outbox
    assert message.subject == "Bin routes is overdue for its yearly review"
    send_alerts()
    assert len(mail.outbox) == 1  # overdue once per review date


def test_an_overdue_review_from_before_the_alert_is_not_news(client):
    publish(title="Old record")
    Project.objects.update(next_review_due=timezone.localdate() - datetime.timedelta(days=30))
    subscribe(client, EMAIL)
    send_alerts()
    assert mail.outbox == []


def test_kinds_turned_off_are_not_sent(client):
    subscribe(client, EMAIL, kinds=["withdrawn"])
    project = publish()
    send_alerts()
    assert mail.outbox == []
    withdraw(project)
    send_alerts()
    assert len(mail.outbox) == 1


def test_events_before_the_alert_was_confirmed_are_not_sent(client):
    publish()
    subscribe(client, EMAIL)
    send_alerts()
    assert mail.outbox == []


def test_an_address_with_two_matching_alerts_hears_once(client):
    project = publish(title="Bus times", areas=["wirral"])
    subscribe(client, EMAIL, "?area=wirral")
    subscribe(client, EMAIL, "?topic=health")
    subscribe(client, EMAIL, follow=project.slug)
    subscribe(client, "someone@example.net", "?area=wirral")
    publish_change(project, purpose="Changed purpose.")
    send_alerts()
    assert len(sent_to(EMAIL)) == 1
    assert len(sent_to("someone@example.net")) == 1


def test_a_weekly_summary_waits_for_monday_and_holds_the_week(client, time_machine):
    wednesday = timezone.make_aware(datetime.datetime(2026, 11, 25, 10))
    time_machine.move_to(wednesday)
    subscribe(client, EMAIL, frequency="weekly")
    publish(title="First")
    publish(title="Second")
    send_alerts()
    assert mail.outbox == []  # not until the week is over
    time_machine.move_to(wednesday + datetime.timedelta(days=5))  # Monday
    send_alerts()
    (message,) = mail.outbox
    assert message.subject == "This week on the Charter Register: 2 updates"
    assert "New on the register: First" in message.body
    assert "New on the register: Second" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    send_alerts()
    time_machine.move_to(wednesday + datetime.timedelta(days=6))
    send_alerts()
    assert len(mail.outbox) == 1


class Flaky(EmailBackend):
    """A mail server that fails the first ``fail`` messages."""

    fail = 1

    def send_messages(self, messages):
        if Flaky.fail > 0:
            Flaky.fail -= 1
            raise ConnectionRefusedError("mail server unavailable")
        return super().send_messages(messages)


def test_a_failed_send_is_tried_again_next_run(client, settings):
    subscribe(client, EMAIL)
    publish()
    settings.EMAIL_BACKEND = "tests.alerts.test_alert_sending.Flaky"
    Flaky.fail = 1
    output = send_alerts()
    assert "could not be sent" in output
    assert mail.outbox == []
    assert Delivery.objects.get().state == "pending"
    send_alerts()
    assert len(mail.outbox) == 1
    assert Delivery.objects.get().state == "sent"


def test_a_run_stops_when_the_mail_server_is_down_and_the_rest_wait(client, settings):
    for n in range(6):
        subscribe(client, f"person{n}@example.net", REMOTE_ADDR=f"10.0.3.{n}")
    publish()
    settings.EMAIL_BACKEND = "tests.alerts.test_alert_sending.Flaky"
    Flaky.fail = 100
    output = send_alerts()
    assert "sending stopped" in output
    assert Delivery.objects.filter(attempts=1).count() == 3  # tried, then the run gave up
    assert Delivery.objects.filter(attempts=0, state="pending").count() == 3
    Flaky.fail = 0
    send_alerts()
    assert len(mail.outbox) == 6


def test_the_mail_server_being_down_is_no_error(client, settings):
    subscribe(client, EMAIL)
    publish()
    settings.EMAIL_BACKEND = "tests.alerts.test_alert_sending.Flaky"
    Flaky.fail = 100
    for _ in range(6):
        send_alerts()
    delivery = Delivery.objects.get()
    assert delivery.state == "failed" and delivery.attempts == 5
    assert "mail server unavailable" in delivery.last_error


class Killed(EmailBackend):
    """The process is killed after ``left`` messages have gone."""

    left = 3

    def send_messages(self, messages):
        if Killed.left <= 0:
            raise KeyboardInterrupt  # as a SIGINT would, mid-run
        Killed.left -= 1
        return super().send_messages(messages)


def test_a_run_killed_midway_sends_nothing_twice(client, settings, time_machine):
    time_machine.move_to(timezone.now())
    addresses = [f"person{n}@example.net" for n in range(8)]
    for n, address in enumerate(addresses):
        subscribe(client, address, REMOTE_ADDR=f"10.0.1.{n}")
    publish(title="One")
    publish(title="Two")
    settings.EMAIL_BACKEND = "tests.alerts.test_alert_sending.Killed"
    Killed.left = 3
    with pytest.raises(KeyboardInterrupt):
        send_alerts()
    assert len(mail.outbox) == 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_alerts()  # at once: the killed run's claim might still be a live run's
    assert len(mail.outbox) == 3
    time_machine.shift(datetime.timedelta(minutes=20))
    output = send_alerts()
    send_alerts()
    seen = [(message.to[0], message.subject) for message in mail.outbox]
    assert len(seen) == len(set(seen)), "someone got the same alert twice"
    assert "10 alert(s) were being sent when an earlier run stopped" in output
    # The killed run sent 3 and had not marked them yet (it marks every MARK_EVERY): the first
    # MARK_EVERY of its claim may have gone, so they are never sent again; the rest are.
    assert MARK_EVERY == 10
    assert len(seen) == 3 + 6
    assert Delivery.objects.filter(state="interrupted").count() == 10
    assert Delivery.objects.filter(state="sent").count() == 6


def test_a_publication_the_signal_missed_is_caught_up(client):
    subscribe(client, EMAIL)
    services.publish_project(project=SubmittedProjectFactory(), moderator=ModeratorFactory())
    assert AlertEvent.objects.count() == 0  # the commit (and so the signal) never came
    send_alerts()
    assert len(mail.outbox) == 1


def test_unconfirmed_sign_ups_go_after_seven_days(client, time_machine):
    time_machine.move_to(timezone.now())
    sign_up(client, EMAIL)
    subscribe(client, "kept@example.net")
    time_machine.shift(datetime.timedelta(days=6))
    send_alerts()
    assert Subscriber.objects.filter(email=EMAIL).exists()
    time_machine.shift(datetime.timedelta(days=1, minutes=1))
    output = send_alerts()
    assert "Deleted 1 unconfirmed sign-up(s)" in output
    assert not Subscriber.objects.filter(email=EMAIL).exists()
    assert Subscriber.objects.filter(email="kept@example.net").exists()


def test_weekly_summaries_stop_too_when_the_mail_server_is_down(client, settings, time_machine):
    wednesday = timezone.make_aware(datetime.datetime(2026, 11, 25, 10))
    time_machine.move_to(wednesday)
    for n in range(5):
        subscribe(client, f"weekly{n}@example.net", frequency="weekly", REMOTE_ADDR=f"10.0.4.{n}")
    publish()
    send_alerts()
    time_machine.move_to(wednesday + datetime.timedelta(days=5))
    settings.EMAIL_BACKEND = "tests.alerts.test_alert_sending.Flaky"
    Flaky.fail = 100
    assert "sending stopped" in send_alerts()
    assert Delivery.objects.filter(attempts=1).count() == 3
    Flaky.fail = 0
    send_alerts()
    assert len(mail.outbox) == 5
    assert Delivery.objects.filter(state="sent").count() == 5


def test_a_run_marks_what_went_every_ten_so_a_killed_run_loses_few(client, settings, time_machine):
    time_machine.move_to(timezone.now())
    addresses = [f"person{n}@example.net" for n in range(12)]
    for n, address in enumerate(addresses):
        subscribe(client, address, REMOTE_ADDR=f"10.6.{n}.1")
    publish(title="One")
    settings.EMAIL_BACKEND = "tests.alerts.test_alert_sending.Killed"
    Killed.left = 11
    with pytest.raises(KeyboardInterrupt):
        send_alerts()
    assert len(mail.outbox) == 11
    assert Delivery.objects.filter(state="sent").count() == MARK_EVERY  # marked as they went
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    time_machine.shift(datetime.timedelta(minutes=20))
    output = send_alerts()
    # Only the two after the last mark are in doubt (one went, one did not): neither is sent
    # again, and the ten marked are not in doubt at all.
    assert "2 alert(s) were being sent when an earlier run stopped" in output
    assert "Sent 0 alert(s)" in output
    assert len(mail.outbox) == 11
    assert sorted(message.to[0] for message in mail.outbox) == sorted(addresses[:11])


def test_one_alert_told_of_two_projects_in_a_run_gets_two_emails_about_the_same_search(client):
    council = OrganisationFactory(name="Wirral Council", slug="wirral-council")
    publish(title="Bus times", with_organisation=council)
    subscribe(client, EMAIL, "?organisation=wirral-council")
    publish(title="Ferry times", with_organisation=council)
    publish(title="Parking", with_organisation=council)
    publish(title="Clinic waits")
    assert "Sent 2 alert(s)" in send_alerts()
    assert sorted(message.subject for message in mail.outbox) == [
        "New on the register: Ferry times",
        "New on the register: Parking",
    ]
    for message in mail.outbox:
        assert (
            "emails about projects on the register matching Organisation: Wirral Council."
            in message.body
        )
        assert "/register/?organisation=wirral-council" in message.body
