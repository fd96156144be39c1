"""Placeholder: being built."""

from django.http import HttpResponse


def invitations(request, **kwargs):
    return HttpResponse(status=501)


def revoke(request, **kwargs):
    return HttpResponse(status=501)
