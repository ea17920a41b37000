"""``manage.py delete_unconfirmed_alerts``: sign-ups nobody confirmed within 7 days go, with
addresses left with no alerts; confirmed alerts and recent sign-ups stay."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from alerts.models import Subscriber, Subscription

from .helpers import sign_up, subscribe

pytestmark = pytest.mark.django_db


def delete_unconfirmed() -> str:
    out = StringIO()
    call_command("delete_unconfirmed_alerts", stdout=out)
    return out.getvalue()


def test_the_command_deletes_week_old_unconfirmed_sign_ups_and_says_how_many(client, time_machine):
    time_machine.move_to(timezone.now())
    sign_up(client, "forgot@example.net", "?area=wirral")
    sign_up(client, "forgot@example.net", "?area=sefton")
    subscribe(client, "kept@example.net")
    time_machine.shift(datetime.timedelta(days=3))
    sign_up(client, "recent@example.net")
    time_machine.shift(datetime.timedelta(days=4, minutes=1))

    assert delete_unconfirmed() == "Deleted 2 unconfirmed sign-up(s).\n"

    assert not Subscriber.objects.filter(email="forgot@example.net").exists()
    assert Subscription.objects.filter(subscriber__email="kept@example.net").exists()
    assert Subscription.objects.filter(subscriber__email="recent@example.net").exists()
    assert delete_unconfirmed() == "Deleted 0 unconfirmed sign-up(s).\n"


def test_an_address_with_a_confirmed_alert_keeps_it_when_its_other_sign_up_goes(
    client, time_machine
):
    time_machine.move_to(timezone.now())
    subscribe(client, "rita@example.net", "?area=wirral")
    sign_up(client, "rita@example.net", "?area=sefton")
    time_machine.shift(datetime.timedelta(days=8))

    assert "Deleted 1 unconfirmed sign-up(s)." in delete_unconfirmed()

    (left,) = Subscription.objects.filter(subscriber__email="rita@example.net")
    assert left.filters == {"area": ["wirral"]} and left.is_confirmed
