import re

from rest_framework.pagination import PageNumberPagination

from .errors import BadQuery

WHOLE_NUMBER = re.compile(r"[0-9]+")


class RegisterPagination(PageNumberPagination):
    """20 projects a page; ``page_size`` asks for up to 100 (more is cut to 100). A page size
    that is not a whole number from 1 is answered 400, not quietly taken as 20."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        value = values[-1]
        digits = value.lstrip("0")
        if not WHOLE_NUMBER.fullmatch(value) or not digits:
            raise BadQuery(
                {
                    self.page_size_query_param: {
                        "message": "Enter the number of projects a page as a whole number "
                        f"from 1 to {self.max_page_size}"
                    }
                }
            )
        if len(digits) > len(str(self.max_page_size)):  # any huge number: the most there is
            return self.max_page_size
        return min(int(digits), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Projects a page, 1 to {self.max_page_size} (more is cut to "
                    f"{self.max_page_size}); 20 when not given"
                )
        return parameters
