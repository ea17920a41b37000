"""Every URL of the project, asked by every role with GET and POST, against the declared table
in ``tests.security.url_rules``. No answer is ever a server error; a URL without a rule fails."""

from __future__ import annotations

import pytest

from .url_rules import (
    ADMIN_LOGIN,
    BAD_REQUEST,
    FORBIDDEN,
    LOGIN,
    METHODS,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    rule_for,
)
from .urls import all_routes, url_for
from .world import OTHER_MEMBER, ROLES, snapshot

ROUTES = all_routes()
RULED = [route for route in ROUTES if rule_for(route.key) is not None]


def outcome(response) -> str:
    """The status class of a response, in the table's words."""
    status = response.status_code
    assert status < 500, f"server error {status}"
    if status in (301, 302, 303, 307, 308):
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        return REDIRECT
    return {
        200: OK,
        400: BAD_REQUEST,
        403: FORBIDDEN,
        404: NOT_FOUND,
        405: NOT_ALLOWED,
    }.get(status, str(status))


def test_every_url_pattern_has_a_rule():
    """A new URL must say who may use it: add its rule to tests/security/url_rules.py."""
    unknown = [f"{route.key}  ({route.route})" for route in ROUTES if rule_for(route.key) is None]
    assert not unknown, "URL patterns without a permission rule:\n" + "\n".join(unknown)


def test_the_walk_finds_every_part_of_the_site():
    keys = {route.key for route in ROUTES}
    for expected in (
        "account_login",
        "admin:index",
        "api:project-list",
        "submission:section",
        "moderation:publish",
        "concern_moderation:detail",
        "open_data:feed",
        "principles:detail",
    ):
        assert expected in keys


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", RULED, ids=str)
def test_permission_matrix(world, route, role, method):
    expected = rule_for(route.key)[(role, method)]
    url = url_for(route, world)
    client = world.client_for(role)
    response = client.get(url) if method == "GET" else client.post(url)
    found = outcome(response)
    assert found in expected, (
        f"{method} {url} as {role}: got {response.status_code} ({found}), "
        f"the rule says {sorted(expected)}"
    )


# --- object-level access: changing the id in a URL never reveals another organisation's work ---

# Routes whose arguments point at a project (by pk or slug), a project's organisation or a
# concern. The admin is left out: it is staff only, and the matrix covers it for every role.
OBJECT_ROUTES = [
    route
    for route in ROUTES
    if set(route.params) & {"pk", "slug", "id", "version"}
    and not route.key.startswith(("admin", "account_"))
]


def test_object_routes_are_found():
    keys = {route.key for route in OBJECT_ROUTES}
    assert {
        "submission:project",
        "submission:section",
        "moderation:review",
        "register:project",
        "api:project-detail",
        "open_data:project_json",
        "history:version",
        "reviews:confirm",
        "concern_moderation:detail",
        "moderation:merge_organisation",
    } <= keys


@pytest.mark.parametrize("state", ["draft", "submitted", "changes_requested"])
@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=str)
def test_another_organisation_cannot_see_or_change_a_working_version(world, route, state):
    project = getattr(world, state)
    url = url_for(route, world, project=project)
    client = world.client_for(OTHER_MEMBER)
    before = snapshot()
    for method in METHODS:
        response = client.get(url) if method == "GET" else client.post(url)
        found = outcome(response)
        body = response.content.decode(errors="replace")
        if found == OK:
            # Only a public page about the organisation itself may answer, and it must not
            # show the working version.
            assert route.key in ("organisations:detail",), f"{method} {url} answered 200"
            assert project.title not in body
        else:
            assert found in (FORBIDDEN, NOT_FOUND, NOT_ALLOWED), f"{method} {url}: {found}"
            assert project.title not in body
    assert snapshot() == before, f"{url} changed the database for another organisation"
