"""The tabs across the top of every staff screen, and the one way to render a page under them."""

from django.shortcuts import render

# The tabs of the work queue: (URL name, label). The first is the queue itself.
TABS = [
    ("moderation:queue", "Waiting for review"),
    ("moderation:changes_requested", "Changes requested"),
    ("moderation:published", "Published"),
    ("moderation:withdrawn", "Withdrawn"),
    ("moderation:organisations", "Unverified organisations"),
    ("moderation:teams", "Teams and signatures"),
    ("concern_moderation:list", "Questions and concerns"),
]


def render_tab(request, tab: str, template: str, context: dict):
    return render(
        request,
        template,
        {"tabs": TABS, "current_tab": tab, "tab_label": dict(TABS)[tab], **context},
    )
