"""Keyboard alone: a data professional completes a section of the submission form, and a
resident sends a concern, pressing only Tab, Space, arrow keys and Enter and typing text (no
mouse clicks, no filling fields by script). Every control that takes focus on the way shows a
visible focus indicator: its look when focused differs from its look when not."""

import pytest

from concerns.models import Concern
from projects.questions import SECTIONS, Kind
from tests.factories import MembershipFactory, ProjectFactory, PublishedProjectFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("charter_principles"),
]

# The text section used: the first whose questions are all free-text answers.
TEXT_SECTION = next(
    section
    for section in SECTIONS
    if all(question.kind == Kind.LONG_TEXT for question in section.questions)
)

# How the focused element looks, then how it looks without focus (measured, then focus put
# back). Radios and checkboxes draw their focus ring on the label's ::before box.
FOCUS_LOOK = """() => {
  const element = document.activeElement;
  const look = () => {
    const style = getComputedStyle(element);
    const parts = [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow,
                   style.backgroundColor, style.color, style.textDecorationLine,
                   style.textDecorationThickness, style.borderColor, style.borderWidth];
    if ((element.type === 'radio' || element.type === 'checkbox') && element.labels.length) {
      const box = getComputedStyle(element.labels[0], '::before');
      parts.push(box.boxShadow, box.outlineColor, box.outlineStyle, box.borderWidth);
    }
    return parts.join(' | ');
  };
  const focused = look();
  element.blur();
  const unfocused = look();
  element.focus({preventScroll: true});
  return {
    element: element.outerHTML.slice(0, 160),
    focused,
    unfocused,
    body: element === document.body,
  };
}"""


def tab_to(page, selector, *, limit=80):
    """Press Tab until ``selector`` has focus, checking the focus indicator at every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        look = page.evaluate(FOCUS_LOOK)
        if look["body"]:
            continue
        assert look["focused"] != look["unfocused"], (
            f"No visible focus indicator on {look['element']}: {look['focused']}"
        )
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"Tab never reached {selector} on {page.url}")


def test_a_section_is_completed_with_the_keyboard_alone(live_server, page, client):
    member = MembershipFactory().user
    project = ProjectFactory(
        with_organisation=member.memberships.get().organisation,
        **dict.fromkeys(TEXT_SECTION.keys, ""),
    )
    client.force_login(member)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/projects/{project.pk}/sections/{TEXT_SECTION.slug}/")

    for key in TEXT_SECTION.keys:
        tab_to(page, f"#id_{key}")
        page.keyboard.type(f"Residents told us about {key.replace('_', ' ')}.")
    tab_to(page, 'button[name="continue"]')
    next_section = SECTIONS[TEXT_SECTION.number]
    with page.expect_navigation(url=f"**/sections/{next_section.slug}/"):
        page.keyboard.press("Enter")

    project.refresh_from_db()
    for key in TEXT_SECTION.keys:
        assert getattr(project, key) == f"Residents told us about {key.replace('_', ' ')}."
    assert page.locator("h1").inner_text() == next_section.title


def test_a_concern_is_sent_with_the_keyboard_alone(live_server, page):
    project = PublishedProjectFactory(title="Bus arrival times")
    page.goto(f"{live_server.url}/register/{project.slug}/ask/")

    tab_to(page, 'input[name="kind"]')
    page.keyboard.press("Space")  # the first choice: a question
    page.keyboard.press("ArrowDown")  # the second: a concern
    tab_to(page, "#id_message")
    page.keyboard.type("Who checks that the bus times are fair to every area?")
    tab_to(page, "#id_email")
    page.keyboard.type("resident@example.net")
    tab_to(page, "#id_consent_to_publish")
    page.keyboard.press("Space")
    tab_to(page, 'main form [type="submit"]')
    page.keyboard.press("Enter")

    page.wait_for_url(f"{live_server.url}/register/{project.slug}/ask/sent/")
    concern = Concern.objects.get()
    assert concern.kind == "concern"
    assert concern.message == "Who checks that the bus times are fair to every area?"
    assert concern.email == "resident@example.net"
    assert concern.consent_to_publish
