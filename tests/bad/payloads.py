"""A corpus whose every contributor field carries a script or HTML payload.

Shared by the static injection tests (`test_injection`, which parse the built HTML) and the
browser test (`browser/test_browser_hostile`, which hovers and focuses what carries a tooltip).
Every payload carries a marker ``PWN<n>`` so its origin is unambiguous.
"""

from __future__ import annotations

from bad import replace, write

SCRIPT = "<script>alert('PWN1')</script>"
IMG = '<img src=x onerror="alert(\'PWN2\')">'
LINK = "[click me](javascript:alert('PWN3'))"
ATTR = "{: onclick=\"alert('PWN4')\" }"
EVIL_ACTOR = "Evil<script>alert('PWN5')</script>Corp"
BREAKOUT = '</title><script>alert("PWN28")</script>'

# The document, as written and as received (its original): payloads in plain text, in a quote,
# in reported speech, and the evil actor's name found as an automatic mention.
BODY = [
    (f"Plain text with {SCRIPT} and {IMG} and {LINK} {ATTR} inside.",) * 2,
    ("# A heading with *emphasis* and <b onmouseover=alert('PWN6')>bold</b>",) * 2,
    ("- a list item\n- another item with `<iframe src=\"javascript:alert('PWN7')\">`",) * 2,
    ("The company said [“safe <svg onload=alert('PWN8')>” and secure]{quote by=huawei "
     "named=by-description supports=huawei-equipment-is-safe} in a statement.",
     "The company said “safe <svg onload=alert('PWN8')>” and secure in a statement."),
    ("The government [sees no </mark></sup><script>alert('PWN9')</script> risk]{says by=spanish-government "
     "named=by-description disputes=huawei-poses-security-risk}.",
     "The government sees no </mark></sup><script>alert('PWN9')</script> risk."),
    (f"Then {EVIL_ACTOR} replied &lt;script&gt;PWN10&lt;/script&gt; too.",) * 2,
    # Every actor is named somewhere (an actor used nowhere is a warning, which fails the build).
    ("[The chairman]{actor=ken-hu} and [a visitor]{actor=breakout} attended.",
     "The chairman and a visitor attended."),
]
DOCUMENT = (
    "---\n"
    "title: '</title><script>alert(\"PWN11\")</script> Huawei opens a centre'\n"
    "publisher: '<img src=x onerror=alert(\"PWN12\")> News'\n"
    "published: 2019-03-04\n"
    "url: 'https://news.example.org/x\"><script>alert(\"PWN13\")</script>'\n"
    "author: '<iframe src=\"javascript:alert(PWN14)\"></iframe>'\n"
    "reference: '[ref](javascript:alert(\"PWN15\"))'\n"
    "notes: '</dd></dl><script>alert(\"PWN16\")</script>'\n"
    "---\n" + "\n\n".join(marked for marked, _ in BODY) + "\n"
)
ORIGINAL = "\n\n".join(plain for _, plain in BODY) + "\n"

EDITS = [
    write("documents/brussels-meeting.md", DOCUMENT),
    write("originals/brussels-meeting.txt", ORIGINAL),
    replace("actors/huawei.md", "name: Huawei", "name: 'Huawei <b onclick=alert(\"PWN17\")>'"),
    replace("actors/huawei.md", "role: Telecommunications equipment maker",
            "role: '<script>alert(\"PWN18\")</script>'\naliases: ['<img src=x onerror=alert(\"PWN19\")>']"),
    replace("actors/huawei.md", "A Chinese telecommunications company.",
            "A *Chinese* company. <script>alert('PWN20')</script> [bad](javascript:alert('PWN21')) "
            "[good](https://good.example.org/) <a href=\"javascript:alert('PWN22')\">x</a> "
            "{: onclick=\"alert('PWN23')\" }\n\n## Background\n\n- first point\n- second point\n"),
    write("actors/evil.md", f'---\nname: "{EVIL_ACTOR}"\nkind: organisation\n---\nEvil.\n'),
    write("actors/breakout.md", f"---\nname: '{BREAKOUT}'\nkind: person\n---\n"),
    replace("claims/huawei-poses-security-risk.md", "statement: Huawei equipment poses a security risk to Europe.",
            "statement: 'Huawei equipment is a risk <svg onload=alert(\"PWN24\")>'"),
    replace("claims/huawei-poses-security-risk.md", "The central claim of the debate.",
            "Context: <iframe src=\"javascript:alert('PWN25')\"></iframe> `<script>PWN26</script>`"),
    replace("countries/spain.md", "name: Spain", "name: '<b onmouseover=alert(\"PWN27\")>Spain</b>'"),
]

PIXEL = "![p](https://evil.example/p.gif)"
"""A tracking pixel: every reader's browser would fetch it from another host."""
PHISHING = '!!! danger "Your session has expired"\n    [Log in again](https://evil.example/login) PWN35'
"""An alert box in the site's own style around a link."""
SNEAKY = ('![x][pixel] <https://evil.example/auto> ???+ note "PWN36"\n\n> A fake quotation PWN37\n\n'
          "[pixel]: https://evil.example/q.png\n")
"""A reference-style image, an autolink, a collapsible box and a block quotation."""
HOSTILE_DESCRIPTIONS = [
    replace("actors/ken-hu.md", "One of Huawei's rotating chairmen.", f"{PIXEL}\n\n{PHISHING}\n"),
    replace("countries/china.md", "The People's Republic of China.", f"{SNEAKY}\n{PIXEL}\n"),
    replace("claims/huawei-equipment-is-safe.md", "The vendor's own position.", f"{PHISHING}\n\n{SNEAKY}"),
]
"""Descriptions that would make a request leave the site, or look like the site's own warnings."""

EXTRA_EDITS = [
    # The fields the edits above leave untouched, so that every text field carries a payload.
    replace("countries/spain.md", "  - Spanish", "  - Spanish\n  - '<img src=x onerror=alert(\"PWN29\")>'"),
    replace("countries/spain.md", "The Kingdom of Spain, an EU member state.",
            "The Kingdom <script>alert('PWN30')</script> of Spain."),
    replace("claims/huawei-equipment-is-safe.md", "aliases: [Huawei is safe]",
            "aliases: [Huawei is safe, '<img src=x onerror=alert(\"PWN31\")>']"),
    replace("claims/huawei-equipment-is-safe.md", "statement: Huawei equipment is safe to use in European networks.",
            "statement: 'Huawei equipment is safe <img src=x onerror=alert(\"PWN32\")>'"),
    replace("actors/ken-hu.md", "role: Rotating chairman", "role: '<img src=x onerror=alert(\"PWN33\")>'"),
    replace("actors/ken-hu.md", "name: Ken Hu", "name: '<img src=x onerror=alert(\"PWN34\")>Ken Hu'"),
]
"""Payloads in the remaining contributor fields (country aliases and text, claim aliases, a person)."""

ALL_EDITS = [*EDITS, *EXTRA_EDITS, *HOSTILE_DESCRIPTIONS]
"""Every contributor field of the small corpus carries a payload."""
