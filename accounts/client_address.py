"""The client's address, for per-address rate limits and login lockout."""


def client_address(request) -> str:
    """Behind our load balancer (DJANGO_BEHIND_PROXY), the last address in X-Forwarded-For is
    the one the balancer saw; earlier entries are whatever the client claimed. Otherwise it is
    the connection's own address."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR") or "unknown"
