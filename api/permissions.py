from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOnly(BasePermission):
    """Anyone may read; nobody may write through the API."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS
