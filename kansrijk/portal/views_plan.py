"""Placeholder: being built."""

from django.http import HttpResponse


def home(request, **kwargs):
    return HttpResponse(status=501)


def team(request, **kwargs):
    return HttpResponse(status=501)


def phase(request, **kwargs):
    return HttpResponse(status=501)


def health(request, **kwargs):
    return HttpResponse(status=501)
