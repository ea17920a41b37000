"""The register's open data: downloads of every published project, one record, the schema,
the Atom feed of new projects and versions, and the page that explains them."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from opendata.register_csv import columns, register_csv
from opendata.register_format import LICENCE, project_record, register_document, register_schema
from opendata.register_xlsx import CONTENT_TYPE as XLSX
from opendata.register_xlsx import register_xlsx
from projects.questions import QUESTIONS
from public_text.outputs import xml_text
from register.selectors import (
    feed_description,
    feed_versions,
    list_query,
    published_project,
    record_versions,
    register_history,
    register_projects,
)

DOWNLOAD_NAME = "charter-register"


def _download(response, extension: str, *, attachment: bool):
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{DOWNLOAD_NAME}.{extension}"'
    return response


def register_json(request):
    document = register_document(register_projects(request.GET))
    return _download(JsonResponse(document), "json", attachment=False)


def register_csv_download(request):
    response = HttpResponse(
        register_csv(register_projects(request.GET)), content_type="text/csv; charset=utf-8"
    )
    return _download(response, "csv", attachment=True)


def register_xlsx_download(request):
    """The CSV's content as one spreadsheet sheet; takes the same search and filters."""
    response = HttpResponse(register_xlsx(register_projects(request.GET)), content_type=XLSX)
    return _download(response, "xlsx", attachment=True)


def project_json(request, slug):
    return JsonResponse(project_record(published_project(slug)))


def project_versions_json(request, slug):
    """Every published version of one record, oldest first, each a version 2 record with its
    number (``version``) and dates (``published_at``: the record's first publication;
    ``updated_at``: this version's)."""
    return JsonResponse(register_document(record_versions(slug)))


def register_history_json(request):
    """Every published version of every record on the register, by id then version."""
    response = JsonResponse(register_document(register_history()))
    response["Content-Disposition"] = f'inline; filename="{DOWNLOAD_NAME}-history.json"'
    return response


def schema_json(request):
    return JsonResponse(register_schema())


def schema_v1_json(request):
    """Version 1 of the format, which the import still reads."""
    return JsonResponse(register_schema("1"))


# What the keys that are not questions on the form hold, in plain words.
REGISTER_DETAILS = {
    "id": "The record's id on the register; it never changes",
    "url": "The address of the project's page on the register",
    "version": "1 for the first published version, then one more for each published change",
    "principles": "For each of the Charter's 11 principles, the keys of the answers that show "
    "how the project meets it",
    "published_at": "When the project was first published on the register",
    "updated_at": "When this version was published",
    "last_reviewed_at": "When the organisation last reviewed the record",
    "next_review_due": "When the organisation must next review the record",
}


def open_data_page(request):
    fields = [
        (key, QUESTIONS[key].label if key in QUESTIONS else REGISTER_DETAILS[key])
        for key in columns()
    ]
    return render(
        request,
        "open_data/open_data.html",
        {
            "nav_section": "open-data",
            "licence": LICENCE,
            "fields": fields,
        },
    )


class RegisterFeed(Feed):
    """New projects and new versions of projects, newest first."""

    feed_type = Atom1Feed
    subtitle = (
        "Data and AI projects published on the register of the Liverpool City Region Community "
        "Charter on Data and AI, and each new version of them."
    )
    feed_copyright = f"Register content: {LICENCE}"
    # Atom needs an author for every entry: the feed's stands in when a lead is missing.
    author_name = "Liverpool City Region Charter Register"
    limit = 50

    def get_object(self, request, *args, **kwargs):
        """The feed's search and filters: the register list's, from the query string."""
        return request.GET

    def title(self, params):
        # XML 1.0 cannot hold control characters, which a typed-in search could bring.
        described = xml_text(feed_description(params))
        base = "Liverpool City Region Charter Register: new projects and versions"
        return f"{base} ({described})" if described else base

    def link(self, params):
        return reverse("register:list") + list_query(params)

    def feed_url(self, params):
        return reverse("open_data:feed") + list_query(params)

    def items(self, params):
        return feed_versions(params)[: self.limit]

    # Every text from a record goes through xml_text: a character XML 1.0 cannot hold, in a
    # record saved or imported before the text policy, would otherwise stop the whole feed.
    def item_title(self, item):
        if item.version == 1:
            return xml_text(f"New project: {item.title}")
        return xml_text(f"New version of {item.title} (version {item.version})")

    def item_description(self, item):
        """The summary residents read first; for a record published before summaries were
        asked for, its purpose."""
        return xml_text(item.public_summary)

    def item_link(self, item):
        # The version as it was published (the current one redirects to the project page):
        # stable, and unique to the entry.
        return reverse("history:version", kwargs={"slug": item.slug, "version": item.version})

    def item_guid(self, item):
        # Stable whichever address the feed is read at.
        return settings.SITE_URL + self.item_link(item)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        lead = item.lead_organisation
        return xml_text(lead.name) if lead else None

    def item_categories(self, item):
        return ["uses AI"] if item.uses_ai else []
