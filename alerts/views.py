"""The alert pages: sign up (for a search or one project), confirm, manage, stop.

No account: the emailed links are signed (``alerts.tokens``). Pages reached by such a link are
never cached and send no referrer, so the link does not leak. Signing up always ends on the
same page, whether or not the address already had alerts.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from . import searches, selectors, services, tokens
from .forms import ChoiceForm, ManageLinkForm, SignUpForm
from .models import normalise_email

# Sign-ups from one internet address, and confirmation emails to one email address.
PER_ADDRESS = "10/h"
PER_EMAIL = "3/h"
LIMITED = (
    "You have asked for several alerts in the last hour. Please wait an hour and try again, or "
    "email cdc.info@liverpool.ac.uk."
)


def _private(response):
    """A page reached by a signed link: not kept by any cache, and the link not passed on."""
    response["Referrer-Policy"] = "no-referrer"
    return response


def _posted(request):
    """The form's data: bound on a POST (even an empty one, which shows every error)."""
    return request.POST if request.method == "POST" else None


def _email_limited(request, email: str) -> bool:
    return is_ratelimited(
        request,
        group="alerts-email",
        key=lambda group, request: normalise_email(email),
        rate=PER_EMAIL,
        increment=True,
    )


def _sign_up(request, *, template: str, context: dict, filters=None, slug=""):
    form = SignUpForm(_posted(request))
    context = {**context, "form": form}
    if request.method == "POST" and getattr(request, "limited", False):
        form.is_valid()
        form.add_error(None, LIMITED)
        return render(request, template, context, status=429)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not form.is_spam():
            services.sign_up(
                email=email,
                choice=form.choice,
                filters=filters,
                slug=slug,
                send_email=not _email_limited(request, email),
            )
        return redirect("alerts:sent")
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=PER_ADDRESS, method="POST", block=False, group="alerts-signup")
def new_search_alert(request):
    """ "Get emails about projects like these": the search and filters come from the query
    string, as on the register list."""
    filters = searches.filters_from(request.GET)
    return _sign_up(
        request,
        template="alerts/new.html",
        context={
            "lines": searches.describe(filters),
            "list_url": reverse("register:list") + _query(filters),
        },
        filters=filters,
    )


def _query(filters: dict) -> str:
    query = searches.as_query(filters).urlencode()
    return f"?{query}" if query else ""


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=PER_ADDRESS, method="POST", block=False, group="alerts-signup")
def follow_project(request, slug):
    project = selectors.followable_project(slug)
    return _sign_up(
        request, template="alerts/follow.html", context={"project": project}, slug=project.slug
    )


@require_GET
def sent(request):
    return render(request, "alerts/sent.html")


def _invalid_link(request):
    return _private(render(request, "alerts/link_invalid.html", status=404))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The emailed link shows a button: mail programs that open links to scan them do not
    confirm anything by doing so."""
    subscription = tokens.subscription_to_confirm(token)
    if subscription is None:
        return _invalid_link(request)
    summary = selectors.summary(subscription)
    if request.method == "POST":
        services.confirm(subscription)
        manage_url = reverse("alerts:manage", args=[tokens.manage_token(subscription.subscriber)])
        return _private(
            render(request, "alerts/confirmed.html", {"alert": summary, "manage_url": manage_url})
        )
    return _private(render(request, "alerts/confirm.html", {"alert": summary}))


ONE_CLICK = "One-Click"


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stop one alert. A mail program's one-click unsubscribe (RFC 8058) POSTs
    ``List-Unsubscribe=One-Click`` here with no cookies and no form: that request alone is
    exempt from the CSRF check. A person gets a page with a button, which is checked."""
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == ONE_CLICK:
        try:
            subscription = tokens.subscription_to_stop(token)
        except tokens.InvalidLink:
            return HttpResponse(
                "This link is not valid.\n", status=404, content_type="text/plain; charset=utf-8"
            )
        if subscription is not None:
            services.stop(subscription)
        # Said the same whether or not the alert was still there: it is stopped either way.
        return HttpResponse(
            "You will not get these emails any more.\n", content_type="text/plain; charset=utf-8"
        )
    return _stop_page(request, token)


@csrf_protect
def _stop_page(request, token):
    try:
        subscription = tokens.subscription_to_stop(token)
    except tokens.InvalidLink:
        return _invalid_link(request)
    if subscription is None:
        return _private(render(request, "alerts/stopped.html", {"gone": True}))
    if request.method == "POST":
        manage_url = None
        subscriber = subscription.subscriber
        services.stop(subscription)
        if subscriber.subscriptions.exists():
            manage_url = reverse("alerts:manage", args=[tokens.manage_token(subscriber)])
        return _private(render(request, "alerts/stopped.html", {"manage_url": manage_url}))
    return _private(
        render(request, "alerts/unsubscribe.html", {"alert": selectors.summary(subscription)})
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    """Every alert of one address; stop all of them at once."""
    subscriber = tokens.subscriber_to_manage(token)
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST" and "stop_all" in request.POST:
        services.stop_all(subscriber)
        return _private(render(request, "alerts/stopped.html", {"all": True}))
    return _private(
        render(
            request,
            "alerts/manage.html",
            {"alerts": selectors.alerts_of(subscriber), "token": token},
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def change(request, token, pk):
    subscriber = tokens.subscriber_to_manage(token)
    if subscriber is None:
        return _invalid_link(request)
    subscription = selectors.alert_of(subscriber, pk)
    form = ChoiceForm.for_subscription(subscription, _posted(request))
    if request.method == "POST" and form.is_valid():
        services.change(subscription, choice=form.choice)
        messages.success(request, "Your alert has been changed")
        return redirect("alerts:manage", token=token)
    return _private(
        render(
            request,
            "alerts/change.html",
            {"form": form, "alert": selectors.summary(subscription), "token": token},
        )
    )


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=PER_ADDRESS, method="POST", block=False, group="alerts-signup")
def request_link(request):
    """Lost the emails? A new link to the address's alerts page, sent only to that address."""
    form = ManageLinkForm(_posted(request))
    if request.method == "POST" and getattr(request, "limited", False):
        form.is_valid()
        form.add_error(None, LIMITED)
        return render(request, "alerts/request_link.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not _email_limited(request, email):
            services.request_manage_link(email)
        return redirect("alerts:sent")
    return render(request, "alerts/request_link.html", {"form": form})
