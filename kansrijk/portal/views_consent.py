"""Placeholder: being built."""

from django.http import HttpResponse


def consent(request, **kwargs):
    return HttpResponse(status=501)


def consent_change(request, **kwargs):
    return HttpResponse(status=501)
