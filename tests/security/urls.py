"""Every URL pattern of the project, walked from the root resolver, and how to fill its arguments
with the objects of ``tests.security.world``."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from projects.questions import SECTIONS

from .world import World


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the route itself when the pattern has no name
    route: str  # the full route, for messages
    params: tuple[str, ...]
    named: bool

    def __str__(self):
        return self.key


def _params(pattern) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return list(pattern.regex.groupindex)
    return []  # pragma: no cover - a locale prefix pattern


def all_routes() -> list[Route]:
    """Every URL pattern of the project, including allauth's, the admin's and the API's."""
    routes: list[Route] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str | None, params: list[str]):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            found = params + _params(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry, route, inner, found)
            elif isinstance(entry, URLPattern):
                # Arguments given by the pattern itself (like the moderation tabs) are not
                # in the URL.
                names = tuple(name for name in found if name not in (entry.default_args or {}))
                if entry.name:
                    key = f"{namespace}:{entry.name}" if namespace else entry.name
                    routes.append(Route(key, route, names, True))
                else:
                    routes.append(Route(route, route, names, False))

    walk(get_resolver(), "", None, [])
    return routes


def _admin_model(key: str):
    """The model behind an admin URL (by its name, like ``admin:projects_project_change``, or
    its route, like ``admin/projects/project/<path:object_id>/``)."""
    if key.startswith("admin:"):
        name = key.removeprefix("admin:")
        for model in apps.get_models():
            prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
            if name.startswith(prefix):
                return model
        return None
    _admin, app_label, model_name, *_rest = key.split("/")
    return apps.get_model(app_label, model_name)


def _admin_object_id(world: World, model) -> str:
    instance = model._default_manager.order_by("pk").first()
    if instance is None:  # pragma: no cover - the world makes one of each
        raise LookupError(f"No {model.__name__} to point an admin URL at")
    return str(instance.pk)


def kwargs_for(route: Route, world: World, *, project=None, organisation=None) -> dict:
    """Values for the route's arguments: the owning organisation's objects by default, or
    ``project`` / ``organisation`` when given (for the object-level tests)."""
    key = route.key
    values = {}
    for param in route.params:
        if param in world.team_ids:
            values[param] = world.team_ids[param]
        elif param == "pk":
            if key.startswith("concern_moderation:"):
                values[param] = world.concern.pk
            elif project is not None:
                values[param] = project.pk
            elif key.startswith("reviews:"):
                values[param] = world.published.pk
            elif key.startswith("moderation:"):
                values[param] = world.submitted.pk
            else:
                values[param] = world.draft.pk
        elif param == "slug":
            if key == "submission:section":
                values[param] = SECTIONS[0].slug
            elif key.startswith(("moderation:", "organisations:", "teams:")):
                values[param] = (organisation or world.owner_org).slug
            else:
                values[param] = (project or world.published).slug
        elif param == "version":
            values[param] = (project or world.published).version
        elif param == "number":
            values[param] = 1
        elif param == "id" and key.startswith("api:"):
            values[param] = (project or world.published).slug
        elif param in ("id", "object_id"):
            values[param] = _admin_object_id(
                world, _admin_model(key) or apps.get_model("auth.User")
            )
        elif param == "content_type_id":
            values[param] = ContentType.objects.get_for_model(type(world.published)).pk
        elif param == "app_label":
            values[param] = "projects"
        elif param == "url":
            values[param] = "no-such-page/"
        elif param == "token":  # a signed link (email alerts): one the register did not make
            values[param] = "not-a-signed-link"
        elif param in ("key", "uidb36"):
            values[param] = {"key": "dummy-key-0123", "uidb36": "zz"}[param]
        else:
            raise LookupError(f"No value for the argument {param!r} of {route.route}")
    if key == "admin:view_on_site":
        values["object_id"] = world.published.pk
    return values


def url_for(route: Route, world: World, **objects) -> str:
    values = kwargs_for(route, world, **objects)
    if route.named:
        return reverse(route.key, kwargs=values)
    if route.key == "admin/(?P<url>.*)$":
        return "/admin/" + values["url"]
    path = "/" + route.route
    for name, value in values.items():
        path = path.replace(f"<path:{name}>", str(value))
    return path
