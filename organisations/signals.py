"""What the organisations domain announces to the layers above it (projects, the register).

Sent inside the service's transaction, so that a receiver's writes are part of the same
all-or-nothing change.
"""

from django.dispatch import Signal

# ``duplicate`` is about to be merged into ``into`` (``organisations.services.
# merge_organisations``): receivers move what else points at ``duplicate`` (its roles on
# projects) before it is deleted.
organisations_merging = Signal()
# An organisation's public details changed in a way the register shows (a signature, a merge):
# ``organisation``.
organisation_changed = Signal()
