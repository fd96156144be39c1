"""The English catalogue is complete: someone who switches to English never meets a Dutch
string that is in the catalogue. Every entry of the committed English .po has a translation
(no empty msgstr, no fuzzy flag), keeps the placeholders of its msgid, and the committed
.mo holds exactly those translations (so nobody forgot `make messages`)."""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w+\}")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def translations(self) -> list[str]:
        return [value for key, value in self.fields.items() if key.startswith("msgstr")]


def _unescape(quoted: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), quoted[1:-1])


def parse_po(text: str) -> list[Entry]:
    """A minimal PO reader: flags, msgctxt, msgid(_plural), msgstr(/[n]); obsolete `#~`
    entries and other comments are skipped."""
    entries: list[Entry] = []
    entry: Entry | None = None
    key = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry = None
            continue
        if line.startswith("#"):
            if line.startswith("#,"):
                if entry is None or entry.fields:
                    entry = Entry(line=number)
                    entries.append(entry)
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith('"'):
            if entry is None or not key:
                raise ValueError(f"line {number}: a string outside an entry")
            entry.fields[key] += _unescape(line)
            continue
        key, _, value = line.partition(" ")
        if entry is None or (key in ("msgctxt", "msgid") and "msgid" in entry.fields):
            entry = Entry(line=number)
            entries.append(entry)
        entry.fields[key] = _unescape(value.strip())
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    parsed = parse_po((LC_MESSAGES / "django.po").read_text(encoding="utf-8"))
    return [entry for entry in parsed if entry.msgid]  # the header has an empty msgid


def test_the_parser_reads_the_whole_catalogue(entries):
    assert len(entries) > 1000
    assert any("msgid_plural" in entry.fields for entry in entries)
    assert any("python-format" in entry.flags for entry in entries)


def test_no_entry_is_fuzzy(entries):
    fuzzy = [f"line {entry.line}: {entry.msgid}" for entry in entries if "fuzzy" in entry.flags]
    assert fuzzy == []


def test_every_entry_is_translated(entries):
    missing = [
        f"line {entry.line}: {entry.msgid}"
        for entry in entries
        if not entry.translations or not all(entry.translations)
    ]
    assert missing == []


def test_translations_keep_the_placeholders(entries):
    wrong = []
    for entry in entries:
        if not entry.flags & {"python-format", "python-brace-format"}:
            continue
        for key, value in entry.fields.items():
            if not key.startswith("msgstr"):
                continue
            source = entry.fields["msgid_plural"] if key == "msgstr[1]" else entry.msgid
            if set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(value)):
                wrong.append(f"line {entry.line}: {entry.msgid!r} -> {value!r}")
    assert wrong == []


def test_the_compiled_catalogue_matches_the_po(entries):
    with (LC_MESSAGES / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = []
    for entry in entries:
        context = entry.fields.get("msgctxt")
        if "msgid_plural" in entry.fields:
            plural = entry.fields["msgid_plural"]
            for n, key in ((1, "msgstr[0]"), (2, "msgstr[1]")):
                if context is None:
                    got = catalogue.ngettext(entry.msgid, plural, n)
                else:
                    got = catalogue.npgettext(context, entry.msgid, plural, n)
                if got != entry.fields[key]:
                    stale.append(f"line {entry.line}: {entry.msgid!r}")
        else:
            if context is None:
                got = catalogue.gettext(entry.msgid)
            else:
                got = catalogue.pgettext(context, entry.msgid)
            if got != entry.fields["msgstr"]:
                stale.append(f"line {entry.line}: {entry.msgid!r}")
    assert stale == [], "Run `make messages` to compile the English catalogue."


@pytest.mark.django_db
def test_the_mdo_page_is_english_after_choosing_english(cast):
    client = logged_in_client(cast.coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("mdo:home")).content.decode()
    assert '<html lang="en"' in page
    assert "The coalition does not have an MDO yet." in page
    assert "New MDO series" in page
    assert "De coalitie heeft nog geen MDO." not in page
    assert "Nieuwe MDO-reeks" not in page


@pytest.mark.django_db
def test_the_families_list_is_english_after_choosing_english(cast):
    client = logged_in_client(cast.case_director)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("families:list")).content.decode()
    assert "whose care team you are in" in page
    assert "waarvoor je in het zorgteam zit" not in page
