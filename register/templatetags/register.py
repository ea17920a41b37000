"""Display of answers on register pages (the words come from ``projects.answers``), one-line
summaries, excerpts and pagination."""

from django import template
from django.template.loader import render_to_string
from django.utils.text import Truncator

from projects.answers import answer_display
from projects.questions import Question

from .. import presenters
from ..caching import fragment

register = template.Library()


class KeptPerStampNode(template.Node):
    def __init__(self, nodelist, name: str, key):
        self.nodelist, self.name, self.key = nodelist, name, key

    def render(self, context) -> str:
        return fragment(
            self.name, str(self.key.resolve(context)), lambda: self.nodelist.render(context)
        )


@register.tag
def kept_per_stamp(parser, token):
    """``{% kept_per_stamp "name" key %}...{% endkept_per_stamp %}``: the part between, rendered
    once per register stamp (and day) for each ``key`` in this process (``caching.fragment``).
    ``key`` must hold everything else the part depends on."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("kept_per_stamp takes a name and a key")
    nodelist = parser.parse(("endkept_per_stamp",))
    parser.delete_first_token()
    return KeptPerStampNode(nodelist, bits[1].strip("\"'"), parser.compile_filter(bits[2]))


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
    """The first paragraph of ``text`` cut to about ``words`` words: a one-line summary."""
    first = next((line.strip() for line in (text or "").splitlines() if line.strip()), "")
    return Truncator(first).words(words, truncate="\u2026")


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
