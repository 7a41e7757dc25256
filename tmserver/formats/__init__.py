"""The formats stage: bilingual files a translator's tools open, read and written.

Takes a release (plain text or HTML announcement, DOCX, XLIFF 1.2/2.x or PO) and gives
its English sentences (:mod:`~tmserver.formats.release`); takes a pre-translated draft
(:class:`~tmserver.formats.model.Draft`) and writes XLIFF 2.1 / 1.2, PO, TMX, DOCX or
plain text; reads reviewed XLIFF, PO and bilingual TSV back into ``TranslationUnit``
values with their provenance (:mod:`~tmserver.formats.bilingual`). Match levels and
the CAT word weights live in :mod:`~tmserver.formats.levels`.

Pure core: it may import the base modules, ``tmserver.text``, ``tmserver.build`` and
``tmserver.tmx``; no later stage and no framework (lxml and python-docx only).
"""
