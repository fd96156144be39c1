"""Placeholder: being built."""

from django.http import HttpResponse


def self_report(request, **kwargs):
    return HttpResponse(status=501)
