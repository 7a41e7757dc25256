"""The shared text layer: language tags, scripts, transliteration, placeables, stems.

Takes plain strings and gives back normalised tags, script verdicts, the placeables of a
sentence (numbers, dates, URLs, acronyms) and stems. Every stage from build to lint uses
it; it imports only the base modules (``tmserver.errors``) and pure libraries (Babel,
snowballstemmer), never a stage, a framework or the database.
"""
