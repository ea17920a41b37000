"""Bad input never gives a server error and never half-saves.

Every form and query string is driven with hostile values: very long text, control characters,
HTML and script, SQL-like strings, unknown choices, forged hidden fields, bodies over the size
limit and a missing CSRF token. The answer is a clear 4xx or the form with its errors, and the
database holds nothing half-saved.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from concerns.models import Concern
from organisations.models import Organisation
from projects.models import Project
from projects.questions import SECTIONS
from register.filterset import RegisterFilterSet
from submissions.forms import ROWS, SectionPage
from tests.factories import (
    AccountFactory,
    MembershipFactory,
    OrganisationFactory,
    PublishedProjectFactory,
)

from .world import OTHER_MEMBER, OWNER, snapshot

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
HOSTILE = {
    "long_text": "word " * 20_000,  # 100,000 characters, 20,000 words
    "long_word": "A" * 100_000,
    "null": "before\x00after",
    "escape": "\x1b[31mred\x1b[0m",
    "right_to_left": "\u202eevil",
    "script": SCRIPT,
    "sql": "' OR 1=1 --",
}
# Values that can never be saved: an invalid form, whatever field they go in.
NEVER_VALID = {name: HOSTILE[name] for name in ("long_text", "null")}


def assert_no_raw_script(response):
    assert SCRIPT not in response.content.decode(errors="replace")


# --- the submission journey: every section of projects/questions.py -------------------------


def section_data(section, project, user, value) -> dict:
    """Every field of the section's page, and one row of its repeatable rows, set to ``value``
    (choices get it too, so they are unknown choices)."""
    page = SectionPage(section=section, project=project, user=user)
    data = {"lock_version": project.lock_version, "continue": "1"}
    for name, field in page.form.fields.items():
        if name == "lock_version":
            continue
        widget = field.widget
        if hasattr(widget, "widgets"):
            for index in range(len(widget.widgets)):
                data[f"{name}_{index}"] = value
        else:
            data[name] = value
    if section.slug in ROWS:
        prefix = page.rows.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0"}
        for name in page.rows.empty_form.fields:
            data[f"{prefix}-0-{name}"] = value
    return data


@pytest.mark.parametrize("value", NEVER_VALID.values(), ids=NEVER_VALID.keys())
@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.slug)
def test_a_hostile_section_save_is_refused_and_saves_nothing(world, section, value):
    client = world.client_for(OWNER)
    project = world.draft
    url = f"/projects/{project.pk}/sections/{section.slug}/"
    before = snapshot()
    response = client.post(url, section_data(section, project, world.owner, value))
    # 400 when the text in every box adds up to more than the body size limit.
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert "There is a problem" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.slug)
def test_every_section_takes_hostile_text_without_a_server_error(world, section, value):
    client = world.client_for(OWNER)
    project = world.draft
    url = f"/projects/{project.pk}/sections/{section.slug}/"
    response = client.post(url, section_data(section, project, world.owner, value))
    assert response.status_code in (200, 302, 400)
    assert_no_raw_script(response)
    if response.status_code == 200 and value == SCRIPT:
        # The form came back: what was typed is shown back, escaped.
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_one_bad_answer_keeps_the_others_from_being_saved(world):
    """No half-saves: a good title with an impossible month saves neither."""
    client = world.client_for(OWNER)
    project = world.draft
    response = client.post(
        f"/projects/{project.pk}/sections/{SECTIONS[0].slug}/",
        {
            "lock_version": project.lock_version,
            "title": "A good new title",
            "start_date_0": "13",
            "start_date_1": "2025",
            "continue": "1",
        },
    )
    assert response.status_code == 200
    assert "Enter a real month and year" in response.content.decode()
    assert Project.objects.get(pk=project.pk).title == project.title


def test_script_in_answers_is_saved_as_text_and_always_shown_escaped(world):
    client = world.client_for(OWNER)
    project = world.draft
    response = client.post(
        f"/projects/{project.pk}/sections/{SECTIONS[0].slug}/",
        {
            "lock_version": project.lock_version,
            "title": SCRIPT,
            "purpose": f"Our purpose {SCRIPT}",
            "status": "pilot",
            "uses_ai": "no",
            "later": "1",
        },
    )
    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).title == SCRIPT  # kept exactly as typed
    for url in (
        f"/projects/{project.pk}/",
        f"/projects/{project.pk}/sections/{SECTIONS[0].slug}/",
        f"/projects/{project.pk}/check/",
        "/projects/",
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert_no_raw_script(page)
        assert "&lt;script&gt;" in page.content.decode()


@pytest.mark.parametrize(
    "lock_version", ["-1", "abc", "99999999999999999999999", "1.5", "", "\x00"]
)
def test_a_forged_lock_version_never_saves(world, lock_version):
    client = world.client_for(OWNER)
    project = world.draft
    before = snapshot()
    response = client.post(
        f"/projects/{project.pk}/sections/{SECTIONS[0].slug}/",
        {"lock_version": lock_version, "title": "Forged", "later": "1"},
    )
    assert response.status_code == 200
    assert snapshot() == before


def post_lead_row(world, *, total: str, organisation):
    """Section 2 saved by the owner with one row naming ``organisation`` as the lead."""
    project = world.draft
    return world.client_for(OWNER).post(
        f"/projects/{project.pk}/sections/about-your-organisations/",
        {
            "lock_version": project.lock_version,
            "organisations-TOTAL_FORMS": total,
            "organisations-INITIAL_FORMS": "0",
            "organisations-0-name": organisation.name,
            "organisations-0-role": "lead",
            "later": "1",
        },
    )


@pytest.mark.parametrize("total", ["1000", "-1", "abc", "99999999999999999999"])
def test_forged_row_counts_are_refused(world, total):
    before = snapshot()
    response = post_lead_row(world, total=total, organisation=world.owner_org)
    assert response.status_code == 200
    assert snapshot() == before


def test_another_organisation_cannot_be_made_the_lead(world):
    """A forged row naming an organisation the person does not belong to as the lead."""
    before = snapshot()
    response = post_lead_row(world, total="1", organisation=world.other_org)
    assert response.status_code == 200
    assert "The lead organisation must be one you belong to" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("remove_row", ["abc", "-1", "99999999999999999999", "\x00"])
def test_a_forged_row_to_remove_is_ignored(world, remove_row):
    client = world.client_for(OWNER)
    project = world.draft
    before = snapshot()
    response = client.post(
        f"/projects/{project.pk}/sections/declaration-of-responsibility/",
        {
            "lock_version": project.lock_version,
            "people-TOTAL_FORMS": "1",
            "people-INITIAL_FORMS": "0",
            "remove_row": remove_row,
        },
    )
    assert response.status_code == 200
    assert snapshot() == before


# --- starting a project: organisations that are not one's own --------------------------------


def new_project(client, **data):
    return client.post("/projects/new/", {"title": "A new project", **data})


def test_an_organisation_id_not_ones_own_is_an_unknown_choice(world):
    client = world.client_for(OWNER)
    before = snapshot()
    response = new_project(client, organisation=str(world.other_org.pk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("forged", ["99999999999999999999", "-1", "abc", "\x00", SCRIPT])
def test_a_forged_directory_organisation_is_refused(world, forged):
    client = world.client_for(OWNER)
    before = snapshot()
    response = new_project(client, organisation="directory", directory_organisation=forged)
    assert response.status_code == 200
    assert_no_raw_script(response)
    assert snapshot() == before


def test_joining_an_organisation_that_has_members_is_only_a_request(world):
    """Choosing another organisation asks its admins; nobody joins and no project starts."""
    from organisations.models import JoinRequest

    client = world.client_for(OWNER)
    before = snapshot()
    response = new_project(
        client, organisation="directory", directory_organisation=str(world.other_org.pk)
    )
    assert response.status_code == 302
    after = snapshot()
    assert after["memberships"] == before["memberships"]
    assert after["projects"] == before["projects"]
    assert JoinRequest.objects.filter(user=world.owner, organisation=world.other_org).exists()


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_new_organisation_never_errors(world, value):
    client = world.client_for(OWNER)
    organisations = Organisation.objects.count()
    response = client.post(
        "/projects/new/",
        {
            "title": value,
            "organisation": "new",
            "name": value,
            "type": value,
            "description": value,
            "mission_statement": value,
        },
    )
    assert response.status_code == 200  # the type is never a valid choice
    assert_no_raw_script(response)
    assert Organisation.objects.count() == organisations
    assert Project.objects.count() == 4


# --- residents' questions ------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_concern_form_refuses_hostile_values_cleanly(world, client, value):
    url = f"/register/{world.published.slug}/ask/"
    before = Concern.objects.count()
    response = client.post(url, {"kind": value, "message": value, "email": value})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert_no_raw_script(response)
    assert Concern.objects.count() == before


def test_a_concern_with_script_is_kept_as_text_and_shown_escaped_to_moderators(world, client):
    url = f"/register/{world.published.slug}/ask/"
    response = client.post(url, {"kind": "question", "message": f"Hello {SCRIPT}' OR 1=1 --"})
    assert response.status_code == 302
    concern = Concern.objects.latest("pk")
    assert concern.message == f"Hello {SCRIPT}' OR 1=1 --"
    moderator = world.client_for("moderator")
    for page_url in ("/moderation/concerns/", f"/moderation/concerns/{concern.pk}/"):
        page = moderator.get(page_url)
        assert page.status_code == 200
        assert_no_raw_script(page)


# --- moderation actions ----------------------------------------------------------------------


@pytest.mark.parametrize("value", NEVER_VALID.values(), ids=NEVER_VALID.keys())
@pytest.mark.parametrize(
    "action,field",
    [("request-changes", "message"), ("withdraw", "reason")],
)
def test_moderation_actions_refuse_hostile_text_and_change_nothing(world, action, field, value):
    client = world.client_for("moderator")
    project = world.submitted if action == "request-changes" else world.published
    before = snapshot()
    response = client.post(f"/moderation/projects/{project.pk}/{action}/", {field: value})
    assert response.status_code == 200
    assert snapshot() == before


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_organisation_actions_refuse_hostile_values(world, value):
    client = world.client_for("moderator")
    slug = world.owner_org.slug
    before = snapshot()
    for action, data in (
        ("signature", {"signed_on_0": value, "signed_on_1": value, "signed_on_2": value}),
        ("merge", {"into": value}),
    ):
        response = client.post(f"/moderation/organisations/{slug}/{action}/", data)
        assert response.status_code == 200, action
        assert_no_raw_script(response)
    assert snapshot() == before


@pytest.mark.parametrize("into", ["99999999999999999999", "-1", "\x00"])
def test_merging_into_a_forged_organisation_is_refused(world, into):
    client = world.client_for("moderator")
    before = snapshot()
    response = client.post(
        f"/moderation/organisations/{world.other_org.slug}/merge/", {"into": into}
    )
    assert response.status_code == 200
    assert snapshot() == before


def test_answering_a_concern_with_hostile_text(world):
    client = world.client_for("moderator")
    url = f"/moderation/concerns/{world.concern.pk}/"
    before = snapshot()
    for value in NEVER_VALID.values():
        response = client.post(url, {"public_response": value, "publish": "on"})
        assert response.status_code == 200
    assert snapshot() == before


# --- accounts (django-allauth): sign up, sign in, reset --------------------------------------


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_sign_up_refuses_hostile_values(client, value):
    users = AccountFactory._meta.model.objects.count()
    response = client.post(
        "/accounts/signup/", {"email": value, "password1": value, "password2": value}
    )
    assert response.status_code == 200
    assert_no_raw_script(response)
    assert AccountFactory._meta.model.objects.count() == users


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_password_reset_refuses_hostile_addresses(client, value, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": value})
    assert response.status_code == 200
    assert_no_raw_script(response)
    assert mailoutbox == []


@pytest.mark.parametrize("value", ["before\x00after@example.org", SCRIPT, "A" * 100_000])
def test_sign_in_refuses_hostile_values(db, value):
    # A fresh address each time, so the lockout after repeated wrong passwords is not reached.
    client = Client()
    response = client.post("/accounts/login/", {"login": value, "password": value})
    assert response.status_code == 200
    assert_no_raw_script(response)
    assert "_auth_user_id" not in client.session


def test_sign_in_with_a_null_byte_in_the_password_of_a_real_account(db):
    AccountFactory(username="real.person@example.org")
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": "real.person@example.org", "password": "pass\x00word"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# --- query strings: the register, downloads, the API, organisations and principles ----------

# Every search and filter of the register (the API and downloads take the same), and the page.
REGISTER_PARAMETERS = (*RegisterFilterSet.base_filters, "page")
QUERY_PAGES = (
    "/register/",
    "/register.json",
    "/register.csv",
    "/api/projects/",
    "/organisations/owning-borough-council/",
    "/principles/1/",
    "/",
)


@pytest.mark.parametrize("path", QUERY_PAGES)
@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_query_strings_never_error(world, client, path, value):
    query = dict.fromkeys(REGISTER_PARAMETERS, value)
    response = client.get(path, query)
    # The API answers 400 for values not on a filter's list (naming the values it takes) and 404
    # for a page that is not a number; everything else shows the page, with its messages.
    assert response.status_code in ((400, 404) if path.startswith("/api/") else (200,))
    assert_no_raw_script(response)


@pytest.mark.parametrize("path", QUERY_PAGES)
@pytest.mark.parametrize(
    "raw",
    [
        "q=%ff%fe",
        "q=%00&organisation=%00&page=%00",
        "status=%ff&status=%fe&area=%c0%af",
        "q=%e2%80%ae%1b&principle=99999999999999999999",
        "page=99999999999999999999999",
        "q=" + "%ff" * 5000,
    ],
)
def test_invalid_utf8_and_control_bytes_in_the_query_string(world, path, raw):
    client = Client()
    response = client.get(path, QUERY_STRING=raw)
    assert response.status_code in ((200, 400, 404) if path.startswith("/api/") else (200,))


def test_searching_for_script_shows_it_escaped(world, client):
    response = client.get("/register/", {"q": SCRIPT})
    assert response.status_code == 200
    assert_no_raw_script(response)


@pytest.mark.parametrize(
    "path",
    [
        "/api/projects/%00/",
        "/api/projects/%ff%fe/",
        "/api/projects/'%20OR%201=1%20--/",
        "/api/projects/" + "a" * 5000 + "/",
        "/projects/99999999999999999999999/",
        "/projects/99999999999999999999999/sections/about-your-project/",
        "/moderation/projects/99999999999999999999999/",
        "/moderation/concerns/99999999999999999999999/",
        "/principles/99999999999999999999999/",
        "/register/owners-published/versions/99999999999999999999999/",
        "/admin/projects/project/%00/change/",
        "/admin/projects/project/99999999999999999999999/change/",
        "/accounts/password/reset/key/zz-%00/",
        "/accounts/password/reset/key/99999999999999999999999-x/",
    ],
)
@pytest.mark.parametrize("role", [OTHER_MEMBER, "moderator", "staff"])
def test_hostile_ids_in_addresses_never_error(world, path, role):
    response = world.client_for(role).get(path)
    assert response.status_code < 500


# --- a missing CSRF token and bodies over the limit -------------------------------------------

CSRF_FORMS = [
    (OWNER, lambda w: f"/projects/{w.draft.pk}/sections/about-your-project/"),
    (OWNER, lambda w: "/projects/new/"),
    ("moderator", lambda w: f"/moderation/projects/{w.submitted.pk}/publish/"),
    ("anonymous", lambda w: f"/register/{w.published.slug}/ask/"),
    ("anonymous", lambda w: "/accounts/login/"),
]


@pytest.mark.parametrize("role,url", CSRF_FORMS)
def test_a_form_without_its_csrf_token_gets_our_friendly_page(world, role, url):
    client = world.client_for(role, enforce_csrf_checks=True)
    before = snapshot()
    response = client.post(
        url(world),
        {"title": "Forged", "lock_version": "0", "kind": "question", "message": "Forged"},
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Sorry, we could not send your form" in page
    assert "Liverpool City Region Charter Register" in page
    assert snapshot() == before


def test_an_oversized_body_is_refused_with_400(world):
    client = world.client_for(OWNER)
    project = world.draft
    before = snapshot()
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(
        f"/projects/{project.pk}/sections/about-your-project/",
        {"lock_version": project.lock_version, "purpose": big},
    )
    assert response.status_code in (400, 413)
    assert snapshot() == before


def test_an_oversized_concern_is_refused_with_400(world, client):
    before = Concern.objects.count()
    response = client.post(
        f"/register/{world.published.slug}/ask/",
        {"kind": "question", "message": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)},
    )
    assert response.status_code in (400, 413)
    assert Concern.objects.count() == before


def test_too_many_fields_are_refused_with_400(world):
    client = world.client_for(OWNER)
    project = world.draft
    fields = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(f"/projects/{project.pk}/sections/about-your-project/", fields)
    assert response.status_code == 400


# --- a published project with hostile answers on every public page and export ---------------


def test_hostile_text_on_the_public_register_is_escaped_everywhere(world, client):
    organisation = OrganisationFactory(name=f"Council {SCRIPT}")
    MembershipFactory(user=AccountFactory(), organisation=organisation)
    project = PublishedProjectFactory(
        slug="hostile",
        title=f"Title {SCRIPT} \u202e ' OR 1=1 --",
        purpose=f"Purpose {SCRIPT}",
        with_organisation=organisation,
    )
    for url in (
        "/",
        "/register/",
        f"/register/{project.slug}/",
        f"/register/{project.slug}/history/",
        f"/organisations/{organisation.slug}/",
        "/organisations/",
        "/principles/1/",
        "/feed/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_raw_script(response)
