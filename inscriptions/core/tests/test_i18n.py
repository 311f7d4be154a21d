"""French first, English available: the language switch, the rules' messages, the catalogue.

The interface strings (msgids) are French; ``inscriptions/locale/en`` holds their English
translation, compiled and committed so that a machine without gettext serves English too.
"""

import gettext as gnu_gettext
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from inscriptions.catalog.tests.factories import ExamSessionFactory
from inscriptions.rules import catalogue, document_types, postal_code_decision
from inscriptions.rules.labels import LABELS, LANGUAGE_LABELS

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2025, 11, 11, 21, 0, tzinfo=PARIS)

ENGLISH_HOME = [
    "<h1>Registering for the BTS exam</h1>",
    ">Open for registration</h2>",
    ">Upcoming openings</h2>",
]
FRENCH_HOME = [">Inscriptions ouvertes</h2>", ">Prochaines ouvertures</h2>"]


# --- A small reader for .po files (msgid/msgstr blocks, multi-line strings, flags).

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$')
_CONTINUATION = re.compile(r'^"(.*)"$')
_OPENERS = {"msgctxt", "msgid"}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: _ESCAPES[match.group(1)], text)


@dataclass
class PoEntry:
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def translations(self) -> list[str]:
        return [value for key, value in self.fields.items() if key.startswith("msgstr")]


def parse_po(text: str) -> list[PoEntry]:
    """Every entry of a .po file, the header included; obsolete (``#~``) entries are skipped."""
    entries: list[PoEntry] = []
    entry = PoEntry()
    current: str | None = None

    def close() -> None:
        nonlocal entry, current
        if entry.fields:
            entries.append(entry)
        entry, current = PoEntry(), None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            close()
            continue
        if line.startswith("#~"):
            continue
        keyword = _KEYWORD.match(line)
        after_msgstr = current is not None and current.startswith("msgstr")
        # A comment, a msgctxt or a msgid after a msgstr starts the next entry.
        if after_msgstr and (line.startswith("#") or (keyword and keyword[1] in _OPENERS)):
            close()
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        if keyword:
            name, value = keyword.groups()
            entry.fields[name] = _unescape(value)
            current = name
            continue
        continuation = _CONTINUATION.match(line)
        assert continuation and current is not None, f"django.po line {number}: {raw!r}"
        entry.fields[current] += _unescape(continuation.group(1))
    close()
    return entries


@pytest.fixture(scope="module")
def po_entries() -> list[PoEntry]:
    return parse_po(PO_FILE.read_text(encoding="utf-8"))


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[sd]", text))


def tags(text: str) -> list[str]:
    return sorted(re.findall(r"</?[a-z][a-z0-9]*\b[^>]*>", text))


def test_the_po_reader_joins_multi_line_strings_and_reads_flags():
    entries = parse_po(
        "#, fuzzy\n"
        'msgid ""\n'
        'msgstr ""\n'
        '"Language: en\\n"\n'
        "\n"
        "#: a.py:1\n"
        "#, python-format\n"
        'msgid ""\n'
        '"Le code « %(code)s » "\n'
        '"est \\"faux\\"."\n'
        'msgstr "The code “%(code)s” is \\"wrong\\"."\n'
        "\n"
        '#~ msgid "Ancien"\n'
        '#~ msgstr ""\n'
    )

    header, message = entries
    assert header.msgid == "" and header.flags == {"fuzzy"}
    assert header.translations == ["Language: en\n"]
    assert message.msgid == 'Le code « %(code)s » est "faux".'
    assert message.translations == ['The code “%(code)s” is "wrong".']
    assert message.flags == {"python-format"}


# --- The catalogue is complete, consistent and compiled.


def test_every_entry_of_the_english_catalogue_is_translated_and_none_is_fuzzy(po_entries):
    header, *messages = po_entries
    assert header.msgid == ""
    assert "Language: en\n" in header.translations[0]
    assert len(messages) > 300

    empty = [entry.msgid for entry in messages if not all(entry.translations)]
    fuzzy = [entry.msgid or "(header)" for entry in po_entries if "fuzzy" in entry.flags]
    assert empty == []
    assert fuzzy == []


def test_translations_keep_the_placeholders_and_html_tags_of_their_msgid(po_entries):
    for entry in po_entries[1:]:
        plural = entry.fields.get("msgid_plural")
        for index, translation_text in enumerate(entry.translations):
            # msgstr[1] and later forms translate the plural msgid, with its placeholders.
            source = plural if plural is not None and index > 0 else entry.msgid
            assert placeholders(translation_text) == placeholders(source), entry.msgid
            assert tags(translation_text) == tags(source), entry.msgid


def test_the_committed_mo_file_matches_the_po_file(po_entries):
    with MO_FILE.open("rb") as mo:
        compiled = gnu_gettext.GNUTranslations(mo)

    stale = [
        entry.msgid
        for entry in po_entries[1:]
        if "msgid_plural" not in entry.fields
        and "msgctxt" not in entry.fields
        and compiled.gettext(entry.msgid) != entry.fields["msgstr"]
    ]
    assert stale == []


def test_every_rule_message_label_and_document_type_is_in_the_catalogue(po_entries):
    translated = {entry.msgid for entry in po_entries[1:] if all(entry.translations)}
    marked = (
        [rule.message for rule in catalogue()]
        + list(LABELS.values())
        + list(LANGUAGE_LABELS.values())
        + [document.label for document in document_types()]
    )

    assert [message for message in marked if message not in translated] == []


# --- The pages: French by default, English on request or through the switcher.


def assert_english_home(html: str) -> None:
    assert '<html lang="en"' in html
    for text in ENGLISH_HOME:
        assert text in html
    for text in FRENCH_HOME:
        assert text not in html


@pytest.mark.django_db
@pytest.mark.parametrize("accept_language", [None, "de", "en-US,en;q=0.9"])
def test_french_is_the_default_language(client, accept_language):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}

    response = client.get("/", **headers)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in html
    for text in FRENCH_HOME:
        assert text in html
    assert "Aucune session n'est ouverte aux inscriptions en ce moment." in html
    assert "Open for registration" not in html


@pytest.mark.django_db
def test_home_page_in_english_once_chosen(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert_english_home(html)
    assert "No session is open for registration at the moment." in html
    assert "académie (regional education authority)" in html


@pytest.mark.django_db
def test_home_page_in_english_through_the_language_switcher(client):
    switcher = client.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in switcher
    assert 'name="language" value="en"' in switcher

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert_english_home(client.get("/").content.decode())

    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert '<html lang="fr"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_session_card_in_english(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    ExamSessionFactory(now=NOW, academy__name="Toulouse", exam_year=2026)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()

    assert "2026 session — académie of Toulouse" in html
    assert "Registration closes" in html
    assert "Closes in 3\xa0weeks" in html


# --- The rules: French templates, translated where they are shown.


def render(finding) -> str:
    return gettext(finding.message) % finding.display_params()


def test_a_postal_code_finding_renders_in_english_under_the_english_language():
    (finding,) = postal_code_decision(postal_code="75 001", abroad=False, department=None).findings
    assert finding.code == "address.postal_code_format"

    with translation.override("en"):
        english = render(finding)
    with translation.override("fr"):
        french = render(finding)

    assert english == "The postal code “75 001” must be entered as 5 digits."
    assert french == finding.render()
    assert french == "Le code postal « 75 001 » doit être saisi sur 5 chiffres."


def test_a_finding_without_parameters_renders_in_english():
    (finding,) = postal_code_decision(postal_code="99999", abroad=False, department=None).findings

    with translation.override("en"):
        assert render(finding) == (
            "The postal code 99999 is reserved for candidates living abroad."
        )


def test_every_rule_message_has_an_english_text():
    with translation.override("en"):
        untranslated = [rule.code for rule in catalogue() if gettext(rule.message) == rule.message]
    assert untranslated == []
