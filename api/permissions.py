from rest_framework.exceptions import MethodNotAllowed
from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOnly(BasePermission):
    """Anyone may read; nobody may write through the API. A method it does not offer (POST,
    PUT, PATCH, DELETE, TRACE) is answered 405 Method Not Allowed, with the ``Allow`` header
    naming the ones it does, whoever asks."""

    def has_permission(self, request, view):
        if request.method not in SAFE_METHODS:
            raise MethodNotAllowed(request.method)
        return True
