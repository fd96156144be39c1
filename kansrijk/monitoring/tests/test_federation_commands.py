"""`export_indicators` writes the signed document; `import_indicators` reads it into a region
with the same checks and ends with a nonzero status and the reason on a refusal."""

import json

import pytest
from django.core.management import CommandError, call_command

from kansrijk.monitoring.federation import signing
from kansrijk.monitoring.federation.document import publisher_id
from kansrijk.monitoring.models import ImportedDocument
from kansrijk.testing.monitoring_federation import fake_indicators_fixture, loopback_fixture, trust  # noqa: F401

pytestmark = pytest.mark.django_db


def _export(cast, path, *extra):
    call_command(
        "export_indicators",
        "--period",
        "2026-Q3",
        "--coalition",
        cast.coalition.name,
        str(path),
        *extra,
    )


def test_export_then_import_gives_the_same_suppressed_figures(cast, fake_indicators, tmp_path):
    path = tmp_path / "cijfers.json"
    _export(cast, path)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["public_key"] == signing.public_key_text()
    assert written["document"]["version"] == 1
    assert signing.verify(written["document"], written["signature"], written["public_key"])

    trust(cast.coalition.region, publisher_id(cast.coalition), signing.public_key_text())
    call_command("import_indicators", str(path), "--region", cast.coalition.region.name)

    imported = ImportedDocument.objects.get()
    assert imported.status == "accepted"
    assert imported.document == written["document"]
    assert imported.imported_by is None


def test_import_refuses_an_unknown_publisher_with_a_nonzero_exit(cast, fake_indicators, tmp_path):
    path = tmp_path / "cijfers.json"
    _export(cast, path)
    with pytest.raises(CommandError, match=r"Geweigerd: De uitgever .* vertrouwde uitgevers"):
        call_command("import_indicators", str(path), "--region", str(cast.coalition.region.pk))
    assert ImportedDocument.objects.get().status == "refused"


def test_import_refuses_a_tampered_file(cast, fake_indicators, tmp_path):
    path = tmp_path / "cijfers.json"
    _export(cast, path)
    written = json.loads(path.read_text(encoding="utf-8"))
    written["document"]["indicators"][0]["cells"][0]["numerator"] = 99
    path.write_text(json.dumps(written), encoding="utf-8")
    trust(cast.coalition.region, publisher_id(cast.coalition), signing.public_key_text())

    with pytest.raises(CommandError, match="handtekening klopt niet"):
        call_command("import_indicators", str(path), "--region", cast.coalition.region.name)


def test_import_from_an_address(cast, fake_indicators, tmp_path, loopback):
    path = tmp_path / "cijfers.json"
    _export(cast, path)
    loopback.files["/q3.json"] = path.read_bytes()
    trust(cast.coalition.region, publisher_id(cast.coalition), signing.public_key_text())
    call_command(
        "import_indicators", loopback.url("/q3.json"), "--region", cast.coalition.region.name
    )
    assert ImportedDocument.objects.get().source == loopback.url("/q3.json")


def test_the_commands_explain_wrong_input(cast, fake_indicators, tmp_path):
    with pytest.raises(CommandError, match="kwartaal"):
        call_command("export_indicators", "--period", "2026-Q5", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="--coalition"):
        call_command("export_indicators", "--period", "2026-Q3", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_indicators", str(tmp_path / "x.json"), "--region", "Nergens")
    with pytest.raises(CommandError, match="kan niet worden gelezen"):
        call_command("import_indicators", str(tmp_path / "x.json"), "--region", "Testregio")
