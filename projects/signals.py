"""What the domain announces, so that the layers above can react without the domain knowing them.

Model saves and deletes are announced by Django itself (``post_save``, ``post_delete``). These are
for changes that no model save announces.
"""

from django.dispatch import Signal

# Something the public register shows changed by a bulk write that sends no ``post_save``
# (the stored search vectors, an import). No arguments beyond ``sender``. The register's page
# cache listens (``register.receivers``).
register_changed = Signal()
