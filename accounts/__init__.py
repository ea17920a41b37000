"""Accounts: sign up, sign in by email address, confirmation by link and password reset.

django-allauth does the work; this package only gives its forms GOV.UK labels and error
messages and renders them through crispy-forms-gds (templates in ``templates/account/``).
"""
