"""Events of the register that other parts of the service may act on, sent by
``projects.services`` once the move's transaction has committed (never for a refused move, nor
for one rolled back). The domain does not know who listens: the email alerts (``alerts``) do.

- ``project_published(sender, project, previous)``: a version was published. ``previous`` is
  the version it replaced (now superseded), or None for a record's first publication.
- ``project_withdrawn(sender, project)``: a published record was withdrawn.
"""

from django.dispatch import Signal

project_published = Signal()
project_withdrawn = Signal()
