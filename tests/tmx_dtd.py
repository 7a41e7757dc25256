"""A DTD for checking that exported TMX is valid TMX 1.4b.

Written from the TMX 1.4b content model (the required attributes included) rather
than copied, since ``tmx14.dtd`` itself is not shipped with the project.
"""

from __future__ import annotations

import io

from lxml import etree

TMX14_DTD = """
<!ELEMENT tmx (header, body)>
<!ATTLIST tmx version CDATA #FIXED "1.4">
<!ELEMENT header (note|prop|ude)*>
<!ATTLIST header creationtool CDATA #REQUIRED creationtoolversion CDATA #REQUIRED
  segtype (block|paragraph|sentence|phrase) #REQUIRED o-tmf CDATA #REQUIRED
  adminlang CDATA #REQUIRED srclang CDATA #REQUIRED datatype CDATA #REQUIRED
  creationdate CDATA #IMPLIED>
<!ELEMENT ude (map+)>
<!ELEMENT map EMPTY>
<!ELEMENT body (tu*)>
<!ELEMENT tu ((note|prop)*, tuv+)>
<!ATTLIST tu srclang CDATA #IMPLIED creationdate CDATA #IMPLIED
  changedate CDATA #IMPLIED>
<!ELEMENT tuv ((note|prop)*, seg)>
<!ATTLIST tuv xml:lang CDATA #REQUIRED>
<!ELEMENT note (#PCDATA)>
<!ELEMENT prop (#PCDATA)>
<!ATTLIST prop type CDATA #REQUIRED>
<!ELEMENT seg (#PCDATA|bpt|ept|ph|it|hi|ut)*>
<!ELEMENT bpt (#PCDATA|sub)*> <!ATTLIST bpt i CDATA #REQUIRED x CDATA #IMPLIED
  type CDATA #IMPLIED>
<!ELEMENT ept (#PCDATA|sub)*> <!ATTLIST ept i CDATA #REQUIRED>
<!ELEMENT it (#PCDATA|sub)*> <!ATTLIST it pos (begin|end) #REQUIRED
  x CDATA #IMPLIED type CDATA #IMPLIED>
<!ELEMENT ph (#PCDATA|sub)*> <!ATTLIST ph x CDATA #IMPLIED type CDATA #IMPLIED
  assoc CDATA #IMPLIED>
<!ELEMENT hi (#PCDATA|bpt|ept|it|ph|hi|ut)*> <!ATTLIST hi x CDATA #IMPLIED
  type CDATA #IMPLIED>
<!ELEMENT ut (#PCDATA|sub)*> <!ATTLIST ut x CDATA #IMPLIED>
<!ELEMENT sub (#PCDATA|bpt|ept|it|ph|hi|ut)*>
"""


def assert_valid_tmx14(document: etree._Element) -> None:
    """Fail with the DTD's complaints unless ``document`` is valid TMX 1.4b."""
    dtd = etree.DTD(io.StringIO(TMX14_DTD))
    assert dtd.validate(document), dtd.error_log.filter_from_errors()
