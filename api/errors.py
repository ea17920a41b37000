"""The API's answer to a query it cannot take: 400, with what is wrong with each parameter."""

from rest_framework import status
from rest_framework.exceptions import APIException


class BadQuery(APIException):
    """400 Bad Request: ``problems`` maps each parameter to its ``message`` (and, for a
    parameter with a list of values, the values it takes, ``allowed``)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_query"

    def __init__(self, problems: dict[str, dict]):
        super().__init__()
        self.detail = {
            "detail": "A query parameter was given a value it cannot take",
            "errors": problems,
        }
