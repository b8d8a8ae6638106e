"""One case per error class: the good corpus plus one typo, and exactly what it must report.

The good document, ``sources/documents/brussels-meeting.md``, reads (line numbers on the left)::

     1  ---
     2  title: Huawei opens a centre in Brussels
     3  publisher: Example News
     4  published: 2019-03-04
     5  url: https://news.example.org/huawei-brussels
     6  ---
     7  Huawei rotating chairman Ken Hu met officials in Brussels on Monday.
     8
     9  The company said its equipment was [“safe and secure”]{quote by=huawei supports=huawei-equipment-is-safe}, ...
    10
    11  The [Spanish]{country=spain} government [sees no risk in the contract]{says by=spanish-government ...}.

On line 9 the span opens at column 36, ``{`` is at 55, ``quote`` at 56, ``by=`` at 62 (its id at 65),
``supports=`` at 72 (its id at 81). On line 11 ``country=`` is at 15 (its id at 23), the says span
opens at 41, ``{says`` is at 71, ``by=`` at 77 (id at 80), ``disputes=`` at 99 (id at 108),
``date=`` at 135 (value at 140).

Each expected line is ``path:line:col: fragment of the message``; a case must produce exactly
these problems, no more.
"""

from __future__ import annotations

from bad import GOOD, Case, delete, replace, write

DOC = "documents/brussels-meeting.md"
D = "sources/" + DOC
ORIGINAL = "originals/brussels-meeting.txt"
QUOTE = "[“safe and secure”]{quote by=huawei supports=huawei-equipment-is-safe}"
SAYS = "{says by=spanish-government disputes=huawei-poses-security-risk date=2019-03-01}"

CASES = [
    # Unknown ids, wherever an id is written -------------------------------------------------
    Case("unknown actor in by=", [replace(DOC, "by=huawei", "by=huawie")],
         [f"{D}:9:65: unknown actor 'huawie'; did you mean 'huawei'?"]),
    Case("country id as a speaker", [replace(DOC, "by=huawei", "by=spain ")],
         [f"{D}:9:65: unknown actor 'spain'" ]),
    Case("unknown claim in supports=", [replace(DOC, "is-safe}", "is-saf}")],
         [f"{D}:9:81: unknown claim 'huawei-equipment-is-saf'; did you mean 'huawei-equipment-is-safe'?"]),
    Case("unknown claim, second of a list",
         [replace(DOC, "supports=huawei-equipment-is-safe}", "supports=huawei-equipment-is-safe,huawei-is-risk}")],
         [f"{D}:9:106: unknown claim 'huawei-is-risk'"]),
    Case("unknown claim in disputes=", [replace(DOC, "disputes=huawei-poses-security-risk",
                                                "disputes=huawei-poses-securty-risk")],
         [f"{D}:11:108: unknown claim 'huawei-poses-securty-risk'; did you mean 'huawei-poses-security-risk'?"]),
    Case("unknown claim in about=", [replace(DOC, "disputes=huawei-poses-security-risk",
                                             "about=huawei-pose-security-risk")],
         [f"{D}:11:105: unknown claim 'huawei-pose-security-risk'; did you mean 'huawei-poses-security-risk'?"]),
    Case("unknown actor in actor=", [replace(DOC, "chairman Ken Hu met", "chairman [Ken Hu]{actor=ken-hoo} met")],
         [f"{D}:7:41: unknown actor 'ken-hoo'; did you mean 'ken-hu'?"]),
    Case("unknown country in country=", [replace(DOC, "country=spain", "country=spian")],
         [f"{D}:11:23: unknown country 'spian'; did you mean 'spain'?"]),
    Case("part_of itself", [replace("actors/ken-hu.md", "part_of: huawei", "part_of: ken-hu")],
         ["sources/actors/ken-hu.md:5:10: 'ken-hu' is part_of itself: an actor cannot be part of itself"]),
    Case("part_of in a circle", [replace("actors/huawei.md", "role:", "part_of: ken-hu\nrole:")],
         ["sources/actors/huawei.md:5:10: 'part_of' goes round in a circle: huawei → ken-hu → huawei"]),
    Case("unknown actor in part_of", [replace("actors/ken-hu.md", "part_of: huawei", "part_of: huawai")],
         ["sources/actors/ken-hu.md:5:10: unknown actor 'huawai'; did you mean 'huawei'?"]),
    Case("unknown country in country:", [replace("actors/spanish-government.md", "country: spain", "country: spian")],
         ["sources/actors/spanish-government.md:4:10: unknown country 'spian'; did you mean 'spain'?"]),
    Case("unknown country in based_in:", [replace("actors/huawei.md", "based_in: china", "based_in: chian")],
         ["sources/actors/huawei.md:4:11: unknown country 'chian'; did you mean 'china'?"]),
    Case("based_in: written as a name", [replace("actors/huawei.md", "based_in: china", "based_in: China")],
         ["sources/actors/huawei.md:4:11: 'based_in' must be an id (lowercase letters, digits, hyphens), "
          "not 'China'; did you mean 'china'?"]),
    # Acting for a state (public-body, country:) or based in one (organisation, based_in:) ----------
    Case("country: on an organisation (the old form)", [replace("actors/huawei.md", "based_in: china", "country: china")],
         ["sources/actors/huawei.md:4:10: 'country: china' is the state an actor acts for, but Huawei is an "
          "organisation (kind: organisation), and an organisation that does not act for a state is based in a "
          "country: write 'based_in: china' (or 'kind: public-body' if it acts for the state)"]),
    Case("country: on a person part of an organisation (the old form)",
         [replace("actors/ken-hu.md", "nationality: china", "country: china")],
         ["sources/actors/ken-hu.md:4:10: 'country: china' is the state an actor acts for, but Ken Hu is part of "
          "huawei, an organisation that does not act for a state, nor do its people: write 'nationality: china' if "
          "a source establishes it (or, if huawei acts for the state, 'kind: public-body' in its file)"]),
    Case("based_in: on a person", [replace("actors/ken-hu.md", "nationality: china", "based_in: china")],
         ["sources/actors/ken-hu.md:4:11: 'based_in' is where an organisation that does not act for a state is "
          "based, but Ken Hu is a person: a person's country is 'nationality: china' (or 'country: china' if they "
          "act for it)"]),
    Case("based_in: on a public body", [replace("actors/spanish-government.md", "country: spain", "based_in: spain")],
         ["sources/actors/spanish-government.md:4:11: 'based_in' is where an organisation that does not act for a "
          "state is based, but Spanish government is a public-body: a public body acts for a state: write "
          "'country: spain'"]),
    Case("nationality: on an organisation", [replace("actors/huawei.md", "based_in: china", "nationality: china")],
         ["sources/actors/huawei.md:4:14: 'nationality' is a person's, but Huawei is an organisation: write "
          "'based_in: china'"]),
    Case("actor kind public-body misspelt", [replace("actors/spanish-government.md", "kind: public-body",
                                                     "kind: public-bdy")],
         ["sources/actors/spanish-government.md:3:7: 'kind' is 'public-bdy'; did you mean 'public-body'? "
          "(known: person, public-body, organisation)"]),
    Case("actor name where an id is expected", [replace(DOC, "by=huawei supports", "by=Ken Hu supports")],
         [f"{D}:9:65: by= takes an actor id, not a name: 'Ken Hu' is the name of actor 'ken-hu'; write by=ken-hu"]),
    Case("country alias where an id is expected", [replace(DOC, "country=spain", "country=Spanish")],
         [f"{D}:11:23: country= takes a country id, not a name: 'Spanish' is an alias of country 'spain'; "
          "write country=spain"]),
    Case("unknown id naming another country than the close one",
         [write("countries/united-kingdom.md", "---\nname: United Kingdom\naliases: [UK]\n---\n"),
          write("countries/united-states.md", "---\nname: United States\naliases: [US]\n---\n"),
          write("actors/us-embassy.md", "---\nname: US Embassy\nkind: public-body\ncountry: united-states\n---\n"),
          replace(DOC, "by=spanish-government", "by=uk-embassy")],
         [f"{D}:11:80: unknown actor 'uk-embassy' (no sources/actors/uk-embassy.md)"]),
    Case("unknown id one letter from a known one", [replace(DOC, "by=spanish-government", "by=spanish-governmnt")],
         [f"{D}:11:80: unknown actor 'spanish-governmnt'; did you mean 'spanish-government'?"]),
    Case("unknown id close to an alias", [replace(DOC, "by=spanish-government", "by=government-of-spain")],
         [f"{D}:11:80: unknown actor 'government-of-spain'; did you mean 'spanish-government' "
          "(its alias 'Government of Spain')?"]),
    # Annotation kinds and keys -----------------------------------------------------------------
    Case("unknown annotation kind", [replace(DOC, "{quote by", "{qoute by")],
         [f"{D}:9:56: unknown annotation kind 'qoute'; did you mean 'quote'?"]),
    Case("unknown key", [replace(DOC, "supports=huawei-equipment", "suports=huawei-equipment")],
         [f"{D}:9:72: unknown key 'suports' for a quote annotation; did you mean 'supports'?"]),
    Case("misspelt by=", [replace(DOC, "says by=", "says bye=")],
         [f"{D}:11:77: unknown key 'bye' for a says annotation; did you mean 'by'?"]),
    Case("key of another kind", [replace(DOC, "quote by=huawei", "quote by=huawei country=spain")],
         [f"{D}:9:72: unknown key 'country' for a quote annotation; country= belongs to a mention annotation"]),
    Case("key with spaces around =", [replace(DOC, "says by=spanish", "says by= spanish")],
         [f"{D}:11:77: write key=value without spaces around '='"]),
    Case("annotation without kind", [replace(DOC, "{quote by=huawei", "{by=huawei")],
         [f"{D}:9:55: annotation has no kind: add quote, says, redacted, actor=… or country=… (it has by="]),
    # Statements ------------------------------------------------------------------------------
    Case("quote without by=", [replace(DOC, "quote by=huawei supports", "quote supports")],
         [f"{D}:9:56: a quote needs by= (who said it)"]),
    Case("says without by=", [replace(DOC, "says by=spanish-government ", "says ")],
         [f"{D}:11:72: a says needs by= (who said it)"]),
    Case("claim supported and disputed in one span",
         [replace(DOC, "is-safe}", "is-safe disputes=huawei-equipment-is-safe}")],
         [f"{D}:9:115: claim 'huawei-equipment-is-safe' is both supported and disputed in one annotation"]),
    Case("empty span text", [replace(DOC, QUOTE, "“safe and secure”[]{quote by=huawei}")],
         [f"{D}:9:53: empty quote annotation: the brackets hold no text",
          # The quotation marks are left outside every annotation: the coverage check sees them.
          f"{D}:9:36: warning: quotation marks around '“safe and secure”' are in no annotation"]),
    Case("date that is no date", [replace(DOC, "date=2019-03-01", "date=March-1st")],
         [f"{D}:11:140: bad date=: 'March-1st' is not an ISO date"]),
    Case("statement dated before 1900", [replace(DOC, "date=2019-03-01", "date=1019-03-01")],
         [f"{D}:11:140: warning: date=1019-03-01 is before 1900: a typo?"]),
    Case("document dated before 1900", [replace(DOC, "published: 2019-03-04", "published: 1019-03-04")],
         [f"{D}:4:12: warning: 'published': 1019-03-04 is before 1900: a typo?",
          f"{D}:11:135: warning: date=2019-03-01 is after the document's own date (1019-03-04)"]),
    Case("document dated in the future", [replace(DOC, "published: 2019-03-04", "published: 9999-12-31")],
         [f"{D}:4:12: warning: 'published': 9999-12-31 is in the future (today is "]),
    Case("retrieved in the future", [replace(DOC, "published: 2019-03-04", "published: 2019-03-04\nretrieved: 9999")],
         [f"{D}:5:12: warning: 'retrieved': 9999 is in the future (today is "]),
    Case("speaker relays itself", [replace(DOC, "{says by=spanish-government ", "{says by=spanish-government "
                                                                            "via=huawei,spanish-government ")],
         [f"{D}:11:110: 'spanish-government' is both the speaker (by=) and a relay (via=): an actor cannot relay "
          "its own words"]),
    Case("bidi override in a name", [replace("actors/huawei.md", "name: Huawei", "name: \u202eiewauH")],
         ["sources/actors/huawei.md:2:7: 'name': bidirectional control <U+202E RIGHT-TO-LEFT OVERRIDE>: it shows the "
          "text reordered, not as written; remove it"]),
    Case("bidi isolate in an alias", [replace("actors/huawei.md", "name: Huawei",
                                              'name: Huawei\naliases: [Huawei Technologies, "Hua\u2067wei"]')],
         ["sources/actors/huawei.md:3:10: 'aliases': bidirectional control <U+2067 RIGHT-TO-LEFT ISOLATE>"]),
    Case("bidi override in an id", [replace(DOC, "by=huawei", "by=hua\u202ewei")],
         [f"{D}:9:65: unknown actor 'hua<U+202E RIGHT-TO-LEFT OVERRIDE>wei'; did you mean 'huawei'?"]),
    Case("emptied actor file named by a remark's head",
         [write("actors/huawei.md", ""), replace(DOC, "{quote by=huawei", "{#safe quote by=huawei"),
          replace(DOC, "a spokesperson told the press.", "a spokesperson [told the press]{says same=safe}.")],
         # Only the file: not the part that names the head's anchor (the head was left out for it).
         ["sources/actors/huawei.md:1:1: missing YAML front matter: the file must start with '---'"]),
    Case("same= naming a span left out for its own error",
         [replace(DOC, "{quote by=huawei", "{#safe quote by=huawie"),
          replace(DOC, "a spokesperson told the press.", "a spokesperson [told the press]{says same=safe}.")],
         [f"{D}:9:71: unknown actor 'huawie'; did you mean 'huawei'?"]),
    Case("date that does not exist", [replace(DOC, "date=2019-03-01", "date=2019-02-30")],
         [f"{D}:11:140: bad date=: '2019-02-30' is not a real date"]),
    Case("duplicate anchor", [replace(DOC, "{quote by", "{#same quote by"), replace(DOC, "{says by", "{#same says by")],
         [f"{D}:11:72: anchor '#same' is already used at line 9, column 56"]),
    Case("reserved anchor", [replace(DOC, "{quote by", "{#p-2 quote by")],
         [f"{D}:9:56: anchor '#p-2' is reserved for the document page itself"]),
    Case("reserved anchor of the title", [replace(DOC, "{quote by", "{#title quote by")],
         [f"{D}:9:56: anchor '#title' is reserved for the document page itself"]),
    Case("anchor on a mention", [replace(DOC, "{country=spain}", "{#es country=spain}")],
         [f"{D}:11:15: a mention takes no anchor '#es'"]),
    Case("a quotation's by= is not the speaker its sentence names",
         [replace(DOC, "a spokesperson told", "Ken Hu told"), replace(ORIGINAL, "a spokesperson told", "Ken Hu told")],
         [f"{D}:9:65: warning: the sentence attributes this quotation to 'ken-hu' (Ken Hu), not 'huawei': "
          "check by=, or keep it with named=checked"]),
    Case("words inside a redaction", [replace(DOC, "on Monday.", "on [Monday]{redacted}.")],
         [f"{D}:7:62: a redaction holds only a placeholder such as '…', no words"]),
    # Spans opened and not closed ---------------------------------------------------------------
    Case("'[' never closed", [replace(DOC, "secure”]{quote", "secure”{quote")],
         [f"{D}:9:36: '[' opened here is not closed by ']{{...}}' before the end of its paragraph"]),
    Case("space between ']' and '{'", [replace(DOC, "secure”]{quote", "secure”] {quote")],
         [f"{D}:9:55: annotation broken by a space <U+0020 SPACE> between ']' and '{{': the attribute block must "
          "follow ']' at once"]),
    Case("mark between ']' and '{'", [replace(DOC, "secure”]{quote", "secure]”{quote")],
         [f"{D}:9:54: annotation broken by '”' <U+201D RIGHT DOUBLE QUOTATION MARK> between ']' and '{{'"]),
    Case("attribute block closed with ']'", [replace(DOC, "is-safe}, a", "is-safe], a")],
         [f"{D}:9:55: attribute block '{{' opened here is not closed with '}}' before the ']' at column 105"]),
    Case("'{' never closed", [replace(DOC, "is-safe}, a", "is-safe, a")],
         [f"{D}:9:55: attribute block '{{' opened here is not closed with '}}' on the same line"]),
    Case("']{' without '['", [replace(DOC, "[“safe", "“safe")],
         [f"{D}:9:53: ']{{...}}' here closes no '['"]),
    Case("annotation inside an annotation",
         [replace(DOC, "[sees no risk in the contract]", "[sees no risk in the [contract]{actor=huawei}]")],
         [f"{D}:11:41: an annotation cannot contain another annotation (the one at line 11, column 62)"]),
    # Front matter ------------------------------------------------------------------------------
    Case("missing required field", [replace(DOC, "publisher: Example News\n", "")],
         [f"{D}:5:1: missing required field 'publisher'"]),
    Case("misspelt required field", [replace(DOC, "title:", "titel:")],
         [f"{D}:2:1: warning: unknown field 'titel'; did you mean 'title'?",
          f"{D}:2:1: missing required field 'title'; is 'titel' a misspelling of it?"]),
    Case("unknown field", [replace(DOC, "publisher: Example News", "publisher: Example News\nauthr: Ann Smith")],
         [f"{D}:4:1: warning: unknown field 'authr'; did you mean 'author'?"]),
    Case("malformed YAML", [replace(DOC, "title: Huawei opens", "title: Huawei: opens")],
         [f"{D}:2:14: malformed YAML front matter: mapping values are not allowed in this context; a value that "
          "holds ': ' goes in quotes: title: \"Huawei: opens a centre in Brussels\""]),
    Case("unclosed quote in YAML", [replace(DOC, "title: Huawei opens a centre in Brussels",
                                            'title: "Huawei opens a centre in Brussels')],
         [f'{D}:2:8: malformed YAML front matter: the quote " opened here is not closed on its line']),
    Case("unclosed quote in YAML, a quote on a later line",
         [replace(DOC, "title: Huawei opens a centre in Brussels", 'title: "Huawei opens a centre in Brussels'),
          replace(DOC, "publisher: Example News", 'publisher: "Example News"')],
         [f'{D}:2:8: malformed YAML front matter: the quote " opened here is not closed on its line']),
    Case("quote inside a quoted YAML text", [replace(DOC, "title: Huawei opens a centre in Brussels",
                                                     "title: 'Huawei's centre in Brussels'")],
         [f"{D}:2:15: malformed YAML front matter: the quoted text ends here, before the end of the value: to put ' "
          "inside a text in ' quotes, double it ('')"]),
    Case("YAML merge key", [replace(DOC, "publisher: Example News", "publisher: &p Example News\n<<: *p")],
         [f"{D}:4:1: '<<' (a YAML merge key) is not supported in front matter"]),
    Case("YAML alias of a bad value",
         [replace(DOC, "title: Huawei opens a centre in Brussels", "title: &t Huawei opens a centre in Brussels"),
          replace(DOC, "url: https://news.example.org/huawei-brussels", "url: *t")],
         [f"{D}:5:6: 'url' must be an http or https URL"]),
    Case("date that is not a real date", [replace(DOC, "published: 2019-03-04", "published: 2019-02-29")],
         [f"{D}:4:12: 'published': '2019-02-29' is not a real date"]),
    Case("date in words", [replace(DOC, "published: 2019-03-04", "published: 4 March 2019")],
         [f"{D}:4:12: 'published': '4 March 2019' is not an ISO date"]),
    Case("url that is not http(s)", [replace(DOC, "url: https://news", "url: javascript://news")],
         [f"{D}:5:6: 'url' must be an http or https URL"]),
    Case("url without scheme", [replace(DOC, "url: https://news", "url: news")],
         [f"{D}:5:6: 'url' must be an http or https URL, not 'news.example.org/huawei-brussels'"]),
    Case("url with a space", [replace(DOC, "huawei-brussels\n", "huawei brussels\n")],
         [f"{D}:5:6: 'url' holds a space: a URL has no spaces, line breaks or control characters (write a space "
          "in it as %20)"]),
    Case("url with a line break", [replace(DOC, "url: https://news.example.org/huawei-brussels",
                                           'url: "https://news.example.org/\\nhuawei-brussels"')],
         [f"{D}:5:6: 'url' holds a line break <U+000A>: a URL has no spaces"]),
    Case("archive_url over two lines", [replace(DOC, "---\nHuawei", "archive_url: https://archive.example.org/x\n"
                                                                   "  y\n---\nHuawei")],
         [f"{D}:6:14: 'archive_url' holds a space: a URL has no spaces"]),
    Case("archive_url not http(s)", [replace(DOC, "---\nHuawei", "archive_url: ftp://archive.example.org/x\n---\nHuawei")],
         [f"{D}:6:14: 'archive_url' must be an http or https URL"]),
    Case("neither url nor reference", [replace(DOC, "url: https://news.example.org/huawei-brussels\n", "")],
         [f"{D}:5:1: a document needs a 'url' or a 'reference' (or both)"]),
    Case("actor kind misspelt", [replace("actors/ken-hu.md", "kind: person", "kind: persn")],
         ["sources/actors/ken-hu.md:3:7: 'kind' is 'persn'; did you mean 'person'?"]),
    Case("actor kind misspelt and more", [replace("actors/ken-hu.md", "kind: person", "kind: persn"),
                                          replace("actors/ken-hu.md", "part_of: huawei", "part_of: huawai")],
         ["sources/actors/ken-hu.md:3:7: 'kind' is 'persn'; did you mean 'person'?",
          "sources/actors/ken-hu.md:5:10: unknown actor 'huawai'; did you mean 'huawei'?"]),
    Case("no front matter", [replace("claims/huawei-equipment-is-safe.md", "---\nstatement", "statement")],
         ["sources/claims/huawei-equipment-is-safe.md:1:1: missing YAML front matter"]),
    Case("front matter never closed", [replace("countries/china.md", "---\nThe People's", "The People's")],
         ["sources/countries/china.md:1:1: front matter opened with '---' is never closed"]),
    # Files -----------------------------------------------------------------------------------
    Case("file not UTF-8",
         [write("actors/ken-hu.md", "---\nname: Ken Hu\nrole: Pr\xe9sident\n---\n".encode("latin-1"))],
         ["sources/actors/ken-hu.md:3:9: file is not UTF-8 (byte 0xe9)"]),
    Case("id that breaks the naming rule", [write("claims/Huawei_Is_Safe.md", "---\nstatement: Safe.\n---\n")],
         ["sources/claims/Huawei_Is_Safe.md:1:1: 'Huawei_Is_Safe' is not a valid id: use lowercase ASCII letters, "
          "digits and single hyphens; rename it 'huawei-is-safe.md'"]),
    Case("file outside the known folders", [write("notes.md", "To do: annotate more.\n")],
         ["sources/notes.md:1:1: file outside the known folders of sources/"]),
    Case("folder name misspelt", [write("document/x.md", "---\ntitle: X\n---\n")],
         ["sources/document/x.md:1:1: file outside the known folders of sources/ (documents/, actors/, countries/, "
          "claims/, originals/); did you mean 'documents'?"]),
    Case("misnamed file of a used id",
         [delete("actors/ken-hu.md"), write("actors/Ken_Hu.md", "---\nname: Ken Hu\n---\n"),
          replace(DOC, "by=huawei", "by=ken-hu")],
         ["sources/actors/Ken_Hu.md:1:1: 'Ken_Hu' is not a valid id: use lowercase ASCII letters, digits and single "
          "hyphens; rename it 'ken-hu.md'"]),
    Case("wrong extension", [write("actors/nokia.yml", "name: Nokia\n")],
         ["sources/actors/nokia.yml:1:1: files in sources/actors/ must end in '.md'"]),
    # Ids the site keeps for its own pages, in each folder ----------------------------------------
    *[Case(f"reserved id in {folder}/", [write(f"{folder}/index.md", text)],
           [f"sources/{folder}/index.md:1:1: 'index' is reserved in sources/{folder}/: the site writes its list of "
            f"{folder} at {folder}/index; rename the file"])
      for folder, text in [("documents", "---\ntitle: Index\n---\n"), ("actors", "---\nname: Index\n---\n"),
                           ("countries", "---\nname: Index\n---\n"), ("claims", "---\nstatement: Index.\n---\n")]],
    Case("reserved id used", [replace(DOC, "by=huawei", "by=index"), write("actors/index.md", "---\nname: I\n---\n")],
         ["sources/actors/index.md:1:1: 'index' is reserved in sources/actors/"]),
    # Registry --------------------------------------------------------------------------------
    Case("alias shared by two entities",
         [replace("actors/spanish-government.md", "  - Government of Spain", "  - Government of Spain\n  - Spanish")],
         ["sources/actors/spanish-government.md:7:5: 'Spanish' is also a name or alias of country 'spain' "
          "(sources/countries/spain.md:5:5)"]),
    Case("name shared by two entities", [replace("actors/ken-hu.md", "name: Ken Hu", "name: Huawei")],
         ["sources/actors/ken-hu.md:2:7: 'Huawei' is also a name or alias of actor 'huawei' "
          "(sources/actors/huawei.md:2:7)"]),
    # Text a terminal must not trust: printed by code point ------------------------------------
    Case("terminal escapes in a field", [replace("actors/ken-hu.md", "kind: person",
                                                 'kind: "\\e[2J\\e[H\\e[32mALL CHECKS PASSED"')],
         ["sources/actors/ken-hu.md:3:7: 'kind': control character <U+001B> in the text"]),
    Case("terminal escapes in a name", [replace("actors/huawei.md", "name: Huawei",
                                                'name: Huawei\nrole: "x\\e]0;pwned\\a"')],
         ["sources/actors/huawei.md:3:7: 'role': control character <U+001B> in the text",
          "sources/actors/huawei.md:6:1: 'role' is given twice"]),
    Case("control characters in a document", [replace(DOC, "on Monday.", "on Monday.\x07\x00"),
                                              replace("originals/brussels-meeting.txt", "on Monday.", "on Monday.\x07\x00")],
         [f"{D}:7:69: control character <U+0007> in the text"]),  # the first of its line only
    Case("text in another Unicode form", [replace(DOC, "on Monday.", "on Monday, caf\u0065\u0301."),
                                          replace("originals/brussels-meeting.txt", "on Monday.", "on Monday, caf\u00e9.")],
         [f"{D}:7:73: text differs from its original sources/originals/brussels-meeting.txt (line 1, column 73): "
          "here 'e\u0301. The company said its equip…', original '\u00e9. The company said its equipm…' "
          "('e' <U+0065 LATIN SMALL LETTER E> here, '\u00e9' <U+00E9 LATIN SMALL LETTER E WITH ACUTE> in the "
          "original); only in its Unicode form: here in NFD, the original in NFC"]),
    Case("zero-width space in the text", [replace(DOC, "on Monday.", "on Mon\u200bday.")],
         [f"{D}:7:65: text differs from its original sources/originals/brussels-meeting.txt (line 1, column 65): "
          "here '<U+200B ZERO WIDTH SPACE>day. The company said its equ…', original 'day. The company said its "
          "equi…'"]),
    # Files the reader must not trust or cannot read --------------------------------------------
    Case("lone CR line ends", [write("claims/huawei-equipment-is-safe.md",
                                     "---\rstatement: Huawei equipment is safe to use in European networks.\r"
                                     "aliases: [Huawei is safe]\r---\rThe vendor's own position.\r")],
         ["sources/claims/huawei-equipment-is-safe.md:1:4: warning: line ends in a lone CR (classic Mac OS line "
          "ends): read as a line break"]),
    Case("original in UTF-16", [write("originals/brussels-meeting.txt", (GOOD / "originals/brussels-meeting.txt")
                                      .read_text(encoding="utf-8").encode("utf-16"))],
         ["sources/originals/brussels-meeting.txt:1:1: file is UTF-16 (it starts with a UTF-16 byte-order mark): "
          "save it as UTF-8"]),
    Case("document in UTF-16 without its mark", [write(DOC, "---\ntitle: x\n".encode("utf-16-le"))],
         [f"{D}:1:1: file is UTF-16 (every second byte is zero): save it as UTF-8"]),
    Case("terminal escapes in a file name", [write("claims/\x1b]0;pwned\x07.md", "---\nstatement: Safe.\n---\n")],
         ["sources/claims/<U+001B>]0;pwned<U+0007>.md:1:1: '<U+001B>]0;pwned<U+0007>' is not a valid id"]),
    Case("Cyrillic letter in an id", [replace(DOC, "by=huawei", "by=hu\u0430wei")],
         [f"{D}:9:65: unknown actor 'hu<U+0430 CYRILLIC SMALL LETTER A>wei'; did you mean 'huawei'?"]),
    Case("zero-width space in an id", [replace(DOC, "by=huawei", "by=hua\u200bwei")],
         [f"{D}:9:65: unknown actor 'hua<U+200B ZERO WIDTH SPACE>wei'; did you mean 'huawei'?"]),
    # The registry as the documents use it ------------------------------------------------------
    Case("claim used nowhere", [write("claims/5g-is-fast.md", "---\nstatement: 5G is fast.\n---\n")],
         ["sources/claims/5g-is-fast.md:1:1: warning: claim '5g-is-fast' is used nowhere: no statement takes a "
          "stance on it"]),
    Case("actor used nowhere", [write("actors/nokia.md", "---\nname: Nokia\nkind: organisation\n---\n")],
         ["sources/actors/nokia.md:1:1: warning: actor 'nokia' is used nowhere"]),
    Case("alias that never matches as a whole word",
         [replace(DOC, "on Monday.", "with the SPANISH delegation on Monday."),
          replace("originals/brussels-meeting.txt", "on Monday.", "with the SPANISH delegation on Monday.")],
         ["sources/countries/spain.md:5:5: warning: 'Spanish' (country 'spain') never matches as a whole word, "
          "but document 'brussels-meeting' writes 'SPANISH'"]),
    Case("alias glued to the word before",
         [replace(DOC, "on Monday.", "with theSpanish delegation on Monday."),
          replace("originals/brussels-meeting.txt", "on Monday.", "with theSpanish delegation on Monday.")],
         ["sources/countries/spain.md:5:5: warning: 'Spanish' (country 'spain') never matches as a whole word, "
          "but document 'brussels-meeting' writes 'theSpanish'"]),
    # Lengths over the limits (issue 23): one line must not exhaust memory or time ----------------
    Case("id of 3,000 letters in by=", [replace(DOC, "by=huawei", "by=" + "h" * 3000)],
         [f"{D}:9:65: an id in 'by=' is 3,000 characters long, over the limit of 100: '{'h' * 40}…'"]),
    Case("document id of 250 characters", [write(f"documents/{'d' * 250}.md", "---\ntitle: T\n---\nText.\n")],
         [f"sources/documents/{'d' * 250}.md:1:1: the file's id is 250 characters long, over the limit of 100: "
          f"'{'d' * 40}…'; rename the file"]),
    Case("name of 242 characters", [replace("actors/ken-hu.md", "name: Ken Hu", "name: " + "Ken " * 60 + "Hu")],
         ["sources/actors/ken-hu.md:2:7: 'name' is 242 characters long, over the limit of 200: "
          "'Ken Ken Ken Ken Ken Ken Ken Ken Ken Ken …'"]),
    Case("alias of 657 characters", [replace("countries/spain.md", "  - Spanish", "  - Spanish\n  - " + "Very " * 130 + "Spanish")],
         ["sources/countries/spain.md:6:5: an entry of 'aliases' is 657 characters long, over the limit of 200: "
          "'Very Very Very Very Very Very Very Very …'"]),
    Case("claim statement of 749 characters",
         [replace("claims/huawei-poses-security-risk.md", "statement: Huawei", "statement: " + "Huawei " * 100 + "Huawei")],
         ["sources/claims/huawei-poses-security-risk.md:2:12: 'statement' is 749 characters long, over the limit "
          "of 600: 'Huawei Huawei Huawei Huawei Huawei Huawe…'"]),
    Case("title of 726 characters", [replace(DOC, "title: Huawei opens", "title: " + "Huawei " * 100 + "opens")],
         [f"{D}:2:8: 'title' is 726 characters long, over the limit of 600: 'Huawei Huawei Huawei Huawei Huawei Huawe…'"]),
    Case("anchor of 101 characters", [replace(DOC, "{quote by=huawei", "{#" + "a" * 101 + " quote by=huawei")],
         [f"{D}:9:56: the anchor is 101 characters long, over the limit of 100: '{'a' * 40}…'"]),
    Case("same= of 101 characters", [replace(DOC, "{says by=spanish-government", "{says by=spanish-government same=" + "s" * 101)],
         [f"{D}:11:104: an id in same= is 101 characters long, over the limit of 100: '{'s' * 40}…'"]),
    Case("part_of of 101 characters", [replace("actors/ken-hu.md", "part_of: huawei", "part_of: " + "h" * 101)],
         [f"sources/actors/ken-hu.md:5:10: 'part_of' is 101 characters long, over the limit of 100: '{'h' * 40}…'"]),
    Case("source file over 10 MB", [write("originals/brussels-meeting.txt", "x" * 10_000_001)],
         ["sources/originals/brussels-meeting.txt:1:1: the file is over 10 MB, the most a source may be: split the "
          "document into parts, one document each"]),
    # Verbatim text ---------------------------------------------------------------------------
    Case("text differs from its original", [replace(DOC, "on Monday.", "on Tuesday.")],
         [f"{D}:7:62: text differs from its original sources/originals/brussels-meeting.txt (line 1, column 62): "
          "here 'Tuesday."]),
    Case("word dropped at the end", [replace(DOC, SAYS + ".", SAYS)],
         [f"{D}:11:151: text differs from its original sources/originals/brussels-meeting.txt (line 5, column 52): "
          "here the end of the text, original '.…'"]),
    Case("straight quotation mark for a curly one", [replace(DOC, "[“safe", '["safe')],
         [f"{D}:9:37: text differs from its original sources/originals/brussels-meeting.txt (line 3, column 36): "
          "here '\"safe and secure”, a spokesper…', original '“safe and secure”, a spokesper…' "
          "('\"' <U+0022 QUOTATION MARK> here, '“' <U+201C LEFT DOUBLE QUOTATION MARK> in the original)"]),
    Case("no original", [delete("originals/brussels-meeting.txt")],
         [f"{D}:1:1: no original text: add sources/originals/brussels-meeting.txt"]),
]
