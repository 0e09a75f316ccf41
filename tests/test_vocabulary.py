"""Each language's vocabulary file: complete, consistent, and the same words as before it existed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.dialogue.interpret import vocabulary as vocab
from bot.dialogue.interpret.numbers import language
from bot.dialogue.interpret.text import key, normalize
from bot.i18n import LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_required_entry(lang: str) -> None:
    path = vocab.vocabulary_path(lang)
    with open(path, "rb") as f:
        assert vocab.check_entries(tomllib.load(f)) == []
    words = vocab.vocabulary(lang)
    for table, entries in vocab.SCHEMA.items():
        for entry, may_be_empty in entries.items():
            found = (words.commands[entry] if table == "commands" and entry in vocab.COMMAND_NAMES
                     else getattr(words, {"phrases": "dont_know", "fillers": "date_fillers"}.get(entry, entry)))
            assert may_be_empty or found, f"{lang}: {table}.{entry}"
    assert len(set(words.months.values())) == 12  # babel names every month
    assert words.currency_symbols and words.currency_symbols <= words.currency
    assert set(words.language_names) == set(LANGUAGES) and all(words.language_names.values())
    assert vocab.decimal_separator(lang) in (".", ",")


def test_the_languages_together_mean_one_thing_each() -> None:
    words = vocab.understood()  # merge raises VocabularyError on a conflict
    assert not words.yes & words.no
    for lang in LANGUAGES:
        assert vocab.vocabulary(lang).yes <= words.yes


# The words of French and English as they were written in the code before the data files.
OLD_MONTHS = {
    name: number
    for number, names in enumerate((
        ("janvier", "janv", "january", "jan"), ("fevrier", "fevr", "fev", "february", "feb"),
        ("mars", "march", "mar"), ("avril", "avr", "april", "apr"), ("mai", "may"),
        ("juin", "june", "jun"), ("juillet", "juil", "july", "jul"), ("aout", "august", "aug"),
        ("septembre", "september", "sept", "sep"), ("octobre", "october", "oct"),
        ("novembre", "november", "nov"), ("decembre", "december", "dec"),
    ), start=1)
    for name in names
}
OLD_YES = {"oui", "o", "ouais", "ouai", "si", "yes", "y", "yeah", "yep", "yup", "ok", "okay", "vrai", "true",
           "d'accord", "dac", "absolument", "certainement", "exactement", "affirmatif", "sure", "certainly",
           "absolutely"}
OLD_NO = {"non", "n", "nan", "no", "nope", "nah", "faux", "false", "jamais", "never", "negatif", "aucunement"}
OLD_STOP_WORDS = {"le", "la", "les", "de", "du", "des", "d", "l", "un", "une", "the", "a", "an", "of", "in", "je",
                  "suis", "i", "am", "j", "m", "my", "mon", "ma", "c", "est", "is", "it", "s"}
OLD_UNITS = {"€", "eur", "euro", "euros", "h", "hr", "hrs", "heure", "heures", "hour", "hours", "mois", "month",
             "months", "an", "ans", "annee", "annees", "year", "years", "jour", "jours", "day", "days",
             "semaine", "semaines", "week", "weeks"}


def test_babel_and_the_files_give_the_months_the_code_had() -> None:
    assert dict(vocab.understood().months) == OLD_MONTHS


def test_the_files_give_the_words_the_code_had() -> None:
    words = vocab.understood()
    assert words.yes == OLD_YES and words.no == OLD_NO
    assert words.yes_phrases == {"bien sur", "of course", "tout a fait", "bien entendu"}
    assert words.no_phrases == {"pas du tout", "pas vraiment", "not at all", "not really"}
    assert words.stop_words == OLD_STOP_WORDS
    assert words.currency | words.units == OLD_UNITS and words.currency_symbols == {"€"}
    assert words.hours == {"h", "hr", "hrs", "heure", "heures", "hour", "hours"} and words.hours <= words.units
    assert words.number_words == {"n", "no", "num", "numero", "number"}
    assert words.ordinal_suffixes == {"er", "re", "e", "eme", "st", "nd", "rd", "th"}
    assert words.date_fillers == {"le", "the", "of", "de"}
    assert {code: set(names) for code, names in words.language_names.items()} == {
        "fr": {"francais", "french"}, "en": {"anglais", "english"}}
    assert words.commands["change"] == {"modifier", "changer", "change", "edit", "modify", "corriger", "correct"}
    assert words.commands["lang"] == {"langue", "lang", "language"}


def test_separators_and_languages_from_babel() -> None:
    assert vocab.decimal_separator("fr") == "," and vocab.decimal_separator("en") == "."
    assert [language(code) for code in ("fr", "en", "en_GB", "EN", "en-US", "eng", "fr_CA", "de", "")] == [
        "fr", "en", "en", "en", "en", "en", "fr", "fr", "fr"]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vocabulary.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_file_names_every_problem(tmp_path: Path) -> None:
    text = Path(vocab.vocabulary_path("en")).read_text(encoding="utf-8")
    text = text.replace('help = ["help", "help me"]\n', "")
    text = text.replace('yes = ["yes",', 'yes = ["of course", "yes",')
    text = text.replace('fillers = ["the", "of"]', 'fillers = ["the", "of"]\nseparators = [","]')
    text = text.replace('units = ["h",', 'units = [3, "h",').replace("sep = 9", "sep = 13")
    with pytest.raises(vocab.VocabularyError) as info:
        vocab.read_vocabulary(_write(tmp_path, text + '\n[spelling]\nx = ["y"]\n'), "en")
    assert info.value.problems == [
        "[spelling]: unknown table", "commands.help: missing or not a list of words",
        "dates.separators: unknown entry", "numbers.units: missing or not a list of words",
        "yes_no: 'of course' is not one word (put it in the phrases)",
        "dates.months: must map spellings to month numbers 1-12",
    ]
    empty = Path(vocab.vocabulary_path("en")).read_text(encoding="utf-8").replace('no = ["no", "n", "nope", "nah", "false", "never"]', "no = []")
    with pytest.raises(vocab.VocabularyError, match="yes_no.no: empty"):
        vocab.read_vocabulary(_write(tmp_path, empty), "en")
    assert vocab.check_entries({"yes_no": ["oui"], "dates": 3}) == [
        "[yes_no] missing", "[dont_know] missing", "[commands] missing", "[choices] missing",
        "[dates] missing", "[numbers] missing"]


def test_hours_words_must_be_units(tmp_path: Path) -> None:
    text = Path(vocab.vocabulary_path("en")).read_text(encoding="utf-8").replace('hours = ["h",', 'hours = ["jiffy", "h",')
    with pytest.raises(vocab.VocabularyError) as info:
        vocab.read_vocabulary(_write(tmp_path, text), "en")
    assert info.value.problems == ["numbers.hours: 'jiffy' is not among the units"]


def test_a_word_meaning_two_things_in_two_languages_is_refused(tmp_path: Path) -> None:
    text = Path(vocab.vocabulary_path("en")).read_text(encoding="utf-8").replace('"nah",', '"nah", "ouais",')
    english = vocab.read_vocabulary(_write(tmp_path, text), "en")
    with pytest.raises(vocab.VocabularyError, match="'ouais' is both yes and no"):
        vocab.merge([vocab.vocabulary("fr"), english])
    clash = Path(vocab.vocabulary_path("en")).read_text(encoding="utf-8").replace('"recap"]', '"recap", "aide"]')
    with pytest.raises(vocab.VocabularyError, match="'aide' names the commands help and summary"):
        vocab.merge([vocab.vocabulary("fr"), vocab.read_vocabulary(_write(tmp_path, clash), "en")])


def test_a_new_language_needs_only_its_file(tmp_path: Path) -> None:
    """Babel gives a language it was never told about its months, separators and names."""
    text = Path(vocab.vocabulary_path("en")).read_text(encoding="utf-8")
    german = vocab.read_vocabulary(_write(tmp_path, text), "de")
    assert german.months[key("März")] == 3 and german.months[key("Dez.")] == 12
    assert german.language_names["en"] == {"englisch"} and german.language_names["fr"] == {normalize("Französisch")}
    assert vocab.decimal_separator("de") == ","


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_kept_vocabulary_is_the_one_its_file_and_babel_give(lang: str) -> None:
    kept = vocab.vocabulary(lang)
    assert kept == vocab.read_vocabulary(vocab.vocabulary_path(lang), lang)
    assert all(type(getattr(kept, name)) is type(getattr(vocab.read_vocabulary(vocab.vocabulary_path(lang), lang), name))
               for name in ("commands", "months", "language_names", "yes"))
