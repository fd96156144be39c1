"""Helpers for the tests of the HSDS export and import through the API: calls as a client
makes them, and the Dutch messages of an error answer whatever its envelope."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kansrijk.access.services import api_token_create
from kansrijk.organisations.models import Professional


def token_client(professional: Professional) -> Client:
    """A client that sends a personal API token, as a script would."""
    _token, key = api_token_create(professional=professional, name="sociale-kaart-koppeling")
    return Client(headers={"Authorization": f"Token {key}"})


def export(client: Client, **params):
    return client.get(reverse("api:socialmap_hsds_export"), params)


def upload(client: Client, content: bytes, name: str, content_type="", **params):
    """POST `content` as the multipart field `file`; `params` go into the query string."""
    url = reverse("api:socialmap_hsds_import")
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    file = SimpleUploadedFile(
        name, content, content_type=content_type or "application/octet-stream"
    )
    return client.post(url, {"file": file})


def messages_of(response) -> list[str]:
    """Every text in an error answer (DRF's `{"field": [...]}` or a problem-details body)."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(response.json())
    return found


def mentions(response, text: str) -> bool:
    return any(text in message for message in messages_of(response))
