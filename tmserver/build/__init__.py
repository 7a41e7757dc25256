"""The build stage: a bilingual announcement becomes aligned translation units.

Takes an announcement (text or HTML) and gives back sentence segments, the guessed
variety and aligned ``TranslationUnit`` pairs with their provenance props: documents
are read (``document``), split into English and local halves (``announcement``), the
variety guessed (``variety``), sentences segmented (``segment``) and aligned
(``anchors``, ``align_model``, ``align``, ``align_refine``). Pure core: it may import
the base modules and ``tmserver.text``, nothing from later stages or any framework.
"""
