"""The alerts listen to the register's domain signals (``projects.signals``)."""

from projects import signals

from . import events


def on_published(sender, project, previous=None, **kwargs):
    events.published(project, previous)


def on_withdrawn(sender, project, **kwargs):
    events.withdrawn(project)


def connect() -> None:
    signals.project_published.connect(on_published, dispatch_uid="alerts-published")
    signals.project_withdrawn.connect(on_withdrawn, dispatch_uid="alerts-withdrawn")
