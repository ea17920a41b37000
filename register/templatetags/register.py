"""Display of answers on register pages (the words come from ``projects.answers``), one-line
summaries, excerpts and pagination."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from projects.answers import answer_display
from projects.questions import Question

from .. import presenters
from ..caching import KeptPerStamp
from ..selectors import KEPT_LISTS

register = template.Library()
# The parts of register list pages kept rendered: as many lists as the lists kept themselves.
_kept_parts = KeptPerStamp(KEPT_LISTS)


@register.simple_tag
def answer(project, question: Question, identifiers=False):
    """Render one answer: text keeps its paragraphs; organisations and people as lists (with
    the identifiers the version gives them when ``identifiers``, as check answers shows)."""
    return render_to_string(
        "register/includes/answer.html",
        {
            "question": question,
            "value": answer_display(project, question),
            "kind": question.kind,
            "identifiers": identifiers,
        },
    )


@register.simple_tag
def state_tag(project):
    """The version's publication state as a GOV.UK tag (``register.presenters``)."""
    return presenters.state_tag(project)


@register.simple_tag
def uses_ai_tag(project, either=False):
    """The "Uses AI" tag; with ``either=True`` also the "Does not use AI" one."""
    return presenters.uses_ai_tag(project, either=either)


@register.filter
def one_line(text: str, words: int = 25) -> str:
    """The first paragraph of ``text`` cut to about ``words`` words (``register.presenters``)."""
    return presenters.one_line(text, words)


@register.simple_tag
def project_summary(project):
    """One project in a list (``register.presenters.project_summary``)."""
    if isinstance(project, presenters.ListedProject):
        return project.html
    return presenters.project_summary(project)


@register.filter
def excerpt(project, question: Question) -> str:
    """A short excerpt of an answer, for the Charter panel."""
    value = answer_display(project, question)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return one_line(str(value or ""), 20)


def _page_url(params, number: int) -> str:
    query = params.copy()
    query["page"] = str(number)
    return "?" + query.urlencode()


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, page):
    """GOV.UK pagination for a Django ``Page``, keeping the rest of the query string."""
    params = context["request"].GET
    paginator = page.paginator
    last = paginator.num_pages
    wanted = sorted(
        {1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1))
    )
    items, previous = [], 0
    for number in wanted:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append(
            {"number": number, "url": _page_url(params, number), "current": number == page.number}
        )
        previous = number
    return {
        "page": page,
        "items": items if last > 1 else [],
        "previous_url": _page_url(params, page.number - 1) if page.has_previous() else "",
        "next_url": _page_url(params, page.number + 1) if page.has_next() else "",
    }


class SameOnEveryPageNode(template.Node):
    def __init__(self, nodelist, listing, part: str):
        self.nodelist = nodelist
        self.listing = template.Variable(listing)
        self.part = part

    def render(self, context):
        listing = self.listing.resolve(context)
        # Today's date too: what is overdue for review (a filter and its counts) moves with it.
        key = (self.part, listing.state, timezone.localdate().isoformat())
        return _kept_parts.get(key, lambda: self.nodelist.render(context))


@register.tag
def same_on_every_page(parser, token):
    """``{% same_on_every_page listing "part" %}...{% endsame_on_every_page %}``: a part of a
    register list page that is the same on each of the list's pages (the search box, the
    filter panel and its counts, the order), rendered once per register stamp and list
    (``RegisterListing.state``) in this process and kept for pages 2, 3... The filter panel
    was the costliest part of a list page; what it shows depends only on the register and the
    query string without its page, so a kept one is never stale."""
    try:
        _name, listing, part = token.split_contents()
    except ValueError:
        message = "same_on_every_page takes a listing and a part name"
        raise template.TemplateSyntaxError(message) from None
    nodelist = parser.parse(("endsame_on_every_page",))
    parser.delete_first_token()
    return SameOnEveryPageNode(nodelist, listing, part.strip("\"'"))
