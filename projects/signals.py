"""What the domain announces, so that the layers above can react without the domain knowing them.

Model saves and deletes are announced by Django itself (``post_save``, ``post_delete``). These are
for changes that no model save announces, or that mean more than a save.
"""

from django.dispatch import Signal

# Something the public register shows changed by a bulk write that sends no ``post_save``
# (the stored search vectors, an import). No arguments beyond ``sender``. The register's page
# cache listens (``register.receivers``).
register_changed = Signal()

# Sent by ``projects.services`` once the move's transaction has committed (never for a refused
# move, nor for one rolled back). The email alerts listen (``alerts.receivers``).
# A version was published: ``project`` (the new version) and ``previous``, the version it
# replaced (now superseded), or None for a record's first publication.
project_published = Signal()
# A published record was withdrawn: ``project``.
project_withdrawn = Signal()
