"""Placeholder: being built."""

from django.http import HttpResponse


def access_report(request, **kwargs):
    return HttpResponse(status=501)


def question(request, **kwargs):
    return HttpResponse(status=501)


def questions(request, **kwargs):
    return HttpResponse(status=501)


def question_answer(request, **kwargs):
    return HttpResponse(status=501)
