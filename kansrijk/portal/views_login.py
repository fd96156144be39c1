"""Placeholder: being built."""

from django.http import HttpResponse


def login(request, **kwargs):
    return HttpResponse(status=501)


def login_code(request, **kwargs):
    return HttpResponse(status=501)


def logout(request, **kwargs):
    return HttpResponse(status=501)
