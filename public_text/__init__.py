"""The register's text policy: what text may reach the public (``policy``), and how any stored
text is made safe for each output (``outputs``).

The lowest layer: imports only Django and libraries, never the register's own apps.
"""
