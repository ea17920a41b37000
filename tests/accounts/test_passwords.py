"""Passwords: at least 12 characters, and not one of the commonly used passwords."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def sign_up(client, password):
    return client.post(
        "/accounts/signup/",
        {"email": "sam@example.org", "password1": password, "password2": password},
    )


def test_a_password_shorter_than_12_characters_is_refused(client):
    response = sign_up(client, "elevenchars")
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    assert not get_user_model().objects.filter(email="sam@example.org").exists()


def test_a_common_password_is_refused_even_when_long_enough(client):
    response = sign_up(client, "password1234")
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    assert not get_user_model().objects.filter(email="sam@example.org").exists()


def test_a_long_uncommon_password_is_accepted(client):
    assert sign_up(client, "lantern mersey ferry twelve").status_code == 302
    assert get_user_model().objects.filter(email="sam@example.org").exists()
