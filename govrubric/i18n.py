"""One language for what govrubric says: `--lang zh|en`, else the locale; messages come from gettext catalogues.

Messages are written in Chinese in the code (the msgid) and translated by the catalogue
govrubric/locale/<lang>/LC_MESSAGES/govrubric.po, compiled to govrubric.mo with Babel
(`python3 -m govrubric.i18n`; tests/test_i18n.py holds the .mo to the .po and every message to the catalogue).
The standard library's gettext reads the .mo at run time, so Babel is needed only to compile.

Three modes:
- zh, en: one language, chosen by --lang, by GOVRUBRIC_LANG, or by the locale (LANGUAGE, LC_ALL, LC_MESSAGES,
  LANG: zh_CN.UTF-8 is zh, en_US.UTF-8 is en);
- both, when nothing names a language (the C locale of servers and CI): status lines as they have always been
  printed, 「中文 / English」, and documents (reports, messages about a rubric or facts) in Chinese.
Help texts stay bilingual in every mode (click reads them before any option is parsed).

Diagnostics (diagnostics.make) take their template from the catalogue like any word(), and under en also each
constant phrase they are given (help=, detail=, consequence= …) from the catalogue's msgctxt "diagnostic" (phrase());
a phrase the code builds with numbers or names is built() from a template of that context and its fields. Explanation
lines of a score have a catalogue of their own, embedded in compiled scorers (_runtime._say, _runtime_english.py).
tests/test_i18n.py and tests/test_explanation_english.py list what lacks its English.
"""
from __future__ import annotations

import gettext
import os
from pathlib import Path

LANGUAGES = ("zh", "en")
BOTH = "both"
DOMAIN = "govrubric"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_state: dict[str, str | None] = {"lang": None}
_catalogues: dict[str, gettext.NullTranslations] = {}


def from_environment(environ=None) -> str:
    """GOVRUBRIC_LANG (zh, en or both), else the first locale variable set: zh… is zh, en… is en, else both."""
    environ = os.environ if environ is None else environ
    chosen = environ.get("GOVRUBRIC_LANG", "").strip().lower()
    if chosen in LANGUAGES + (BOTH,):
        return chosen
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(key, "").strip()
        if value:
            code = value.split(":")[0].lower()
            return next((lang for lang in LANGUAGES if code.startswith(lang)), BOTH)
    return BOTH


def set_language(lang: str | None) -> None:
    """zh, en or both; None: from the environment again."""
    _state["lang"] = lang


def language() -> str:
    return _state["lang"] or from_environment()


def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang not in _catalogues:
        _catalogues[lang] = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
    return _catalogues[lang]


def english(message: str) -> str:
    """The English of a Chinese message (the message itself when the catalogue has none)."""
    return _catalogue("en").gettext(message)


# The catalogue's context for the constant phrases a diagnostic is given (help=, detail=, consequence= …): kept
# apart from the headers and status words, so that 「分值」 passed as a phrase is not the column header "Points".
PHRASE = "diagnostic"


class Built(str):
    """A phrase the code builds from a template and its fields (built()): it reads as the Chinese text it makes,
    and phrase() says it through its template's English, so an English message is English through and through."""

    template: str
    fields: dict
    context: str

    def __new__(cls, template: str, fields: dict, context: str = "diagnostic") -> "Built":
        made = super().__new__(cls, template.format(**fields) if fields else template)
        made.template, made.fields, made.context = template, fields, context
        return made

    def __reduce__(self):  # copies and pickles keep the template
        return Built, (self.template, self.fields, self.context)


def built(template: str, **fields: object) -> str:
    """A diagnostic's phrase built from the code's numbers and names: 「「{name}」是{kind},不能与数值比较」 with
    name= and kind=. Chinese as formatted; under --lang en its English template (msgctxt "diagnostic") is filled
    in, a field that is itself built() in English too, names and numbers as they are (tests/test_i18n.py holds
    every template to the catalogue)."""
    return Built(template, fields)


KIND = "fact kind"  # the catalogue's context for a fact's kind said inside a phrase: 「分值」 is "a score" there


def kind_word(kind_zh: str) -> str:
    """A fact's kind (model.KIND_ZH: 次数, 百分比 …) inside a built() phrase: "a count", "a percentage" in English."""
    return Built(kind_zh, {}, KIND)


TYPE = "fact type"  # the catalogue's context for a fact's type shown as a value (govrubric diff): 「分值」 is "score"


def type_word(kind_zh: str) -> str:
    """A fact's type (model.KIND_ZH: 次数, 百分比 …) shown on its own, as diff's 「事实「差错」类型:次数 → 件数」:
    as written in Chinese; "count", "percentage" in English (msgctxt "fact type")."""
    return _catalogue("en").pgettext(TYPE, kind_zh) if language() == "en" else kind_zh


def phrase(text: str) -> str:
    """The English of a constant phrase passed to a diagnostic (msgctxt "diagnostic"); the text itself when the
    catalogue has none, as for a phrase the code builds (an f-string), which stays Chinese. Phrases the code joins
    with 「;」 (「不小于0的整数;不能是负数」: what is expected, then what is wrong) are looked up part by part."""
    catalogue = _catalogue("en")
    if isinstance(text, Built):
        fields = {key: phrase(value) if isinstance(value, Built) else value for key, value in text.fields.items()}
        english = catalogue.pgettext(text.context, text.template)
        return english.format(**fields) if fields else english
    found = catalogue.pgettext(PHRASE, text)
    if found != text or ";" not in text:
        return found
    parts = text.split(";")
    english = [catalogue.pgettext(PHRASE, part) for part in parts]
    return "; ".join(english) if english != parts else text


class Said(str):
    """An explanation phrase the checker words into the model (a cap's 「(第6点3句合计)」, a doubled clause's
    「每人扣5分的两倍」): it reads as its Chinese, and keeps its _runtime._say template and fields, so that an
    explanation line says it in the language spoken: _runtime._say says a Said field through its template, evaluate
    says one it writes on its own through evaluate.spoken, and codegen writes it as a _say call (codegen.writer.lit).
    tests/test_explanation_english.py finds each said(…) template and asks for its English."""

    template: str
    fields: dict

    def __new__(cls, template: str, fields: dict) -> "Said":
        made = super().__new__(cls, template.format(**fields) if fields else template)
        made.template, made.fields = template, fields
        return made

    def __reduce__(self):  # copies and pickles keep the template
        return Said, (self.template, self.fields)


def said(template: str, **fields: object) -> str:
    """An explanation phrase worded at check time from a _say template and its fields (rubric text and numbers as
    str, or said() phrases): Chinese as formatted, English through _runtime_english._ENGLISH when a line says it."""
    return Said(template, fields)


def N_(template: str) -> str:
    """An explanation template said later through _runtime._say (gettext's N_: marked, not yet translated), so that
    tests/test_explanation_english.py finds it and asks for its English."""
    return template


def say(message: str, **fields: object) -> str:
    """A status line: Chinese, English, or 「中文 / English」 when no language is chosen."""
    lang = language()
    if lang == "zh":
        return message.format(**fields)
    if lang == "en":
        return english(message).format(**fields)
    translated = english(message)
    zh = message.format(**fields)
    return zh if translated == message else f"{zh} / {translated.format(**fields)}"


def word(message: str, **fields: object) -> str:
    """Words in a document (a report's headers, a message's template): English only when en is chosen. Without
    fields, a template comes back unformatted."""
    chosen = english(message) if language() == "en" else message
    return chosen.format(**fields) if fields else chosen


STANDARD = "scoring standard"  # the catalogue's context for what render words from the model


def worded(template: str, **fields: object) -> str:
    """A piece of what render words from the model (a scoring standard, an item's bounds, how the total is made):
    Chinese as formatted; under --lang en its English template (msgctxt "scoring standard") filled with the same
    fields, the rubric's names and wording as written (the English template quotes them: 「…」). One wording engine:
    render chooses the template, the catalogue says it (tests/test_i18n.py holds every template to the catalogue)."""
    if language() == "en":
        template = _catalogue("en").pgettext(STANDARD, template)
    return template.format(**fields) if fields else template


def quoted(text: str) -> str:
    """The rubric's own words (a name, a clause as published, a reading to type) inside what the program writes:
    as written in Chinese, 「…」 in English; nothing for nothing."""
    return worded("{text}", text=text) if text else ""


def listed(values) -> str:
    """Values in a list: 「、」 between them in Chinese, ", " in English."""
    return worded("、").join(values)


def compile_catalogues() -> list[Path]:
    """Each .po → its .mo, with Babel (a development step: the .mo files are committed and shipped)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        with po.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalogue)
        written.append(po.with_suffix(".mo"))
    return written


if __name__ == "__main__":
    for path in compile_catalogues():
        print(f"已编译 / compiled: {path}")
