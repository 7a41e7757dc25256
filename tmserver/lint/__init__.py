"""The check stage: a bilingual release becomes findings and CI reports.

Takes segment pairs read from TMX, XLIFF, PO or announcements (``inputs``,
``documents``), an optional memory view (``memory``) and a configuration (``config``),
runs the registered checks (``checks/``) in ``linter`` and gives back ``Finding``
dataclasses (``findings``) rendered by ``report/`` as text, JSON, SARIF, GitHub,
GitLab or JUnit. Pure core: it may import the base modules, ``tmserver.text``,
``tmserver.build`` (segmentation, announcements) and ``tmserver.tmx``; never the store,
services or an edge.
"""
