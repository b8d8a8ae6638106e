"""Write a synthetic corpus of N documents in Dossier's source format, deterministically.

The corpus is shaped like the real one, only bigger: every document is a news-length text
(about 5 KB in 8 paragraphs) with about ten annotations (quotations and reported positions
with stances, explicit mentions, some redactions and some ``date=``), and prose in which
registered names and aliases occur, so automatic mentions are found as in real articles.
Its original text is written to ``sources/originals/`` and matches once the annotations are
removed. The registry grows in proportion: about N/5 actors, N/30 countries (capped at the
number of real countries below) and N/10 claims: the shape issue 16 names (8 paragraphs and 10
annotations a document, 200 actors and 100 claims per 1,000 documents). A few actors (the vendors, the Commission)
are mentioned in most documents, as in the real debate, so their pages are the biggest.

Usage: ``python benchmarks/corpus.py OUT_DIR N [--seed S] [--statements K]`` writes ``OUT_DIR/sources``
(K statements a document on average: 7 by default, issue 16's light corpus; the benchmark's
headline uses the real corpus's density, about 18).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# Real countries with code and demonym; demonyms are aliases, so "Spanish" is a mention of Spain.
COUNTRIES = [
    ("Austria", "AT", "Austrian"), ("Belgium", "BE", "Belgian"), ("Bulgaria", "BG", "Bulgarian"),
    ("Croatia", "HR", "Croatian"), ("Cyprus", "CY", "Cypriot"), ("Czechia", "CZ", "Czech"),
    ("Denmark", "DK", "Danish"), ("Estonia", "EE", "Estonian"), ("Finland", "FI", "Finnish"),
    ("France", "FR", "French"), ("Germany", "DE", "German"), ("Greece", "GR", "Greek"),
    ("Hungary", "HU", "Hungarian"), ("Ireland", "IE", "Irish"), ("Italy", "IT", "Italian"),
    ("Latvia", "LV", "Latvian"), ("Lithuania", "LT", "Lithuanian"), ("Luxembourg", "LU", "Luxembourgish"),
    ("Malta", "MT", "Maltese"), ("Netherlands", "NL", "Dutch"), ("Poland", "PL", "Polish"),
    ("Portugal", "PT", "Portuguese"), ("Romania", "RO", "Romanian"), ("Slovakia", "SK", "Slovak"),
    ("Slovenia", "SI", "Slovenian"), ("Spain", "ES", "Spanish"), ("Sweden", "SE", "Swedish"),
    ("United Kingdom", "GB", "British"), ("Norway", "NO", "Norwegian"), ("Switzerland", "CH", "Swiss"),
    ("Serbia", "RS", "Serbian"), ("Ukraine", "UA", "Ukrainian"), ("Iceland", "IS", "Icelandic"),
    ("Albania", "AL", "Albanian"), ("North Macedonia", "MK", "Macedonian"), ("Montenegro", "ME", "Montenegrin"),
    ("Moldova", "MD", "Moldovan"), ("Georgia", "GE", "Georgian"), ("Armenia", "AM", "Armenian"),
    ("Turkey", "TR", "Turkish"), ("United States", "US", "American"), ("Canada", "CA", "Canadian"),
    ("Australia", "AU", "Australian"), ("New Zealand", "NZ", "New Zealander"), ("Japan", "JP", "Japanese"),
    ("South Korea", "KR", "South Korean"), ("India", "IN", "Indian"), ("Russia", "RU", "Russian"),
    ("Brazil", "BR", "Brazilian"), ("Mexico", "MX", "Mexican"), ("South Africa", "ZA", "South African"),
    ("Singapore", "SG", "Singaporean"), ("Malaysia", "MY", "Malaysian"), ("Indonesia", "ID", "Indonesian"),
    ("Vietnam", "VN", "Vietnamese"), ("Philippines", "PH", "Philippine"), ("Thailand", "TH", "Thai"),
    ("Israel", "IL", "Israeli"), ("Egypt", "EG", "Egyptian"),
]
"""China and the EU are always there; these are added in order, up to N/30 in all."""

FIRST_NAMES = [
    "Anna", "Piotr", "Sofia", "Jonas", "Elena", "Mateo", "Ingrid", "Tomasz", "Lucía", "Henrik",
    "Marta", "Lukas", "Chiara", "Nikos", "Aino", "Dragan", "Léa", "Rasmus", "Zuzana", "Andrei",
    "Katalin", "Pieter", "Ewa", "Matteo", "Sanna", "Goran", "Inês", "Florian", "Ilse", "Bogdan",
    "Jana", "Kristian", "Maren", "Vytautas", "Agnieszka", "Joost", "Liesbeth", "Radu", "Signe",
    "Teodora", "Wei", "Li", "Xiaoming", "Mei", "James", "Sarah", "Michael", "Olivia", "Rajesh",
    "Priya", "Kenji", "Yuna", "Jae-won", "Olga", "Dmitri", "Fatima", "Yusuf", "Carmen", "Hugo",
]
SURNAMES = [
    "Kowalczyk", "Nieminen", "Bergström", "Dvořák", "Horvath", "Papadakis", "Moreau", "Janssens",
    "Vasquez", "Lindqvist", "Marchetti", "Novak", "Schreiber", "Kovačević", "Petrescu", "Szabó",
    "Virtanen", "Rasmussen", "Van Damme", "Oliveira", "Zielinski", "Kalnins", "Balodis", "Tamm",
    "Grabowski", "Fischbach", "Lemaire", "Castellano", "Andersen", "Halvorsen", "Mikkelsen",
    "Vermeulen", "Dimitrov", "Georgiev", "Popescu", "Wójcik", "Hofmann", "Brandt", "Quaglia",
    "Esposito", "Nyström", "Korhonen", "Laine", "Salo", "Ionescu", "Radev", "Stoica", "Kaminski",
    "Zhang", "Wang", "Chen", "Zhou", "Huang", "Okafor", "Nakamura", "Takahashi", "Park", "Kim",
    "Sharma", "Iyer", "Hallworth", "Pemberton", "Whitcombe", "Abernathy", "Thornbury", "Ellison",
    "Fairbanks", "Holloway", "Kensington", "Lockhart", "Ivanova", "Sokolov", "Demir", "Yilmaz",
    "Aydin", "Haddad", "Mansour", "Ferreira", "Carvalho", "Almeida", "Duarte", "Gallego", "Navarro",
    "Iglesias", "Ortega", "Blanchard", "Fontaine", "Girard", "Rousseau", "Lindholm", "Eriksen",
    "Solberg", "Wennberg", "Strand", "Holm", "Berglund", "Sandberg", "Kristensen", "Madsen",
]
ROLES_PERSON = [
    "Minister for Digital Affairs", "Member of Parliament", "Cybersecurity adviser",
    "Chief Technology Officer", "Spokesperson", "Ambassador", "Telecoms analyst",
    "Director of network security", "Member of the European Parliament", "Secretary of State",
]
ORG_PATTERNS = [
    ("{d} Ministry of Digital Affairs", "ministry"), ("{d} Cybersecurity Agency", "agency"),
    ("{d} Telecoms Regulator", "regulator"), ("{d} Intelligence Service", "intelligence"),
    ("{d} Ministry of Foreign Affairs", "ministry"), ("{d} Parliament Defence Committee", "committee"),
    ("{d} Chamber of Commerce", "business"), ("{d} Government", "government"),
]
COMPANY_PARTS = (["Nord", "Vale", "Astra", "Cobalt", "Meri", "Tessel", "Orbi", "Lumen", "Kestrel",
                  "Sola", "Vire", "Brix", "Halo", "Quanta", "Riva", "Zenit", "Arden", "Corvo"],
                 ["tel", "net", "wave", "link", "com", "cast", "line", "fibre", "com", "gate"])
OUTLETS = ["Daily Ledger", "Continental Review", "Brussels Wire", "Network Times", "Baltic Observer",
           "Iberian Herald", "Alpine Post", "Danube Gazette", "Nordic Monitor", "Atlantic Chronicle"]
TOPICS = [
    "the rollout of 5G networks", "core network equipment", "radio access network vendors",
    "the EU 5G toolbox", "supply chain security", "undersea data cables", "cloud services for ministries",
    "smart city contracts", "data localisation rules", "the security of critical infrastructure",
    "export controls on semiconductors", "public procurement rules", "spectrum auctions",
    "network resilience", "foreign direct investment screening", "lawful interception systems",
]
CLAIM_PATTERNS = [
    "{v} equipment poses a security risk to {c}.",
    "{v} should be excluded from the core network in {c}.",
    "Restrictions on {v} in {c} are politically motivated.",
    "{v} contributes to the economy of {c}.",
    "Replacing {v} equipment in {c} would delay 5G by years.",
    "{v} complies with the data protection law of {c}.",
    "The government of {c} has evidence of espionage by {v}.",
    "{c} should coordinate its 5G security rules with the EU.",
]
VENDORS = ["Huawei", "ZTE"]
CITIES = ["Brussels", "Warsaw", "Madrid", "Berlin", "Vienna", "Prague", "Lisbon", "Helsinki", "Tallinn",
          "Budapest", "Rome", "Stockholm", "Copenhagen", "Dublin", "Athens", "Bucharest", "Sofia"]
KINDS = ["news", "news", "news", "analysis", "opinion", "official", "press-release", "interview"]

SENTENCES = [
    "{A} met representatives of {B} in {city} on the sidelines of a conference about {topic}.",
    "Officials in {C} have been reviewing {topic} since {year}, according to people familiar with the matter.",
    "The debate over {topic} has divided governments across Europe, with {C} and {C2} taking different approaches.",
    "{A} declined to give details of the talks, which were described as constructive by both sides.",
    "A report published last year by {B} examined {topic} and the role of foreign suppliers.",
    "Critics argue that decisions on {topic} are being taken without enough public scrutiny.",
    "Industry groups in {C} warned that any sudden change would raise costs for operators and consumers.",
    "The {D} authorities are expected to publish new guidance on {topic} before the end of the year.",
    "Several operators already rely on equipment from {V} in parts of their networks.",
    "{A} has repeatedly called for a common European position on {topic}.",
    "The question was raised again during a parliamentary hearing in {city}, where {A} answered questions.",
    "Analysts said the outcome would set a precedent for {topic} elsewhere in the region.",
    "In a written statement, {B} said it was following the discussions closely.",
    "Relations between {C} and {C2} have been strained by disagreements over {topic}.",
    "Neither {V} nor the ministry responded to requests for comment on the latest figures.",
    "The European Commission has asked member states to report on their progress with {topic}.",
    "According to internal documents, the review covered contracts signed between {year} and {year2}.",
    "Officials stressed that no final decision had been taken and that all options remained open.",
    "The contract, worth several hundred million euros, was signed in {year} after a public tender.",
    "Opposition politicians in {C} demanded that the government explain how suppliers are vetted.",
    "Engineers interviewed for this article said replacing installed equipment could take years.",
    "{B} is expected to present its own assessment of {topic} to ministers next month.",
    "The issue is likely to come up again when ministers meet in {city} in the spring.",
    "A spokesperson for {V} said the company had always complied with local laws.",
    "Diplomats from {C2} raised the matter privately with their counterparts in {city}.",
    "The operators concerned have not said how much the changes would cost them.",
    "Security researchers have published several studies on {topic}, with mixed conclusions.",
    "The {D} press has followed the story closely since the first reports appeared.",
    "Little is known about the technical details of the audit, which remains confidential.",
    "Trade unions said jobs in the sector should not be put at risk by political disputes.",
]
QUOTES = [
    "We will not accept any compromise on the security of our networks",
    "There is no evidence that this equipment has ever been used for spying",
    "Our decisions are based on technical criteria, not on the country of origin",
    "Excluding a supplier without proof is discrimination, pure and simple",
    "Every vendor must meet the same strict requirements, and we check them",
    "The risks are real and they are growing",
    "Europe cannot afford to fall behind in the deployment of 5G",
    "We have cooperated fully with the regulator for more than a decade",
    "This is a matter of national sovereignty",
    "We need a coordinated European answer, not twenty-seven separate ones",
    "These restrictions are about trade, not about security",
    "Trust has to be earned, and it can be lost very quickly",
]
REPORTED = [
    "the government had found no security problem with the contract",
    "the company would be excluded from future tenders for core equipment",
    "the ministry was still assessing the risks identified by the intelligence services",
    "the measures were proportionate and applied to all high-risk suppliers",
    "the review had been launched under pressure from foreign partners",
    "the operator would replace the equipment over the next five years",
    "there was no legal basis for a general ban",
    "the authorities had shared their concerns with other member states",
]
EXPLICIT_LABELS = ["the ministry", "the agency", "the company", "the minister", "the regulator", "the firm",
                   "its spokesperson", "the committee"]


def slug(text: str) -> str:
    """An id made of lowercase ASCII letters, digits and single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in ascii_text).split()
    return "-".join(words)


def _shorten(id_: str, limit: int) -> str:
    """`id_` cut at a hyphen so that it has at most `limit` characters."""
    if len(id_) <= limit:
        return id_
    return id_[: limit + 1].rsplit("-", 1)[0]


def _yaml(value: str | list[str]) -> str:
    # JSON strings and arrays are valid YAML flow scalars and sequences.
    return json.dumps(value, ensure_ascii=False)


@dataclass
class _Entity:
    id: str
    name: str
    fields: dict[str, str | list[str]]
    description: str
    aliases: list[str] = field(default_factory=list)
    country: str = ""


@dataclass
class Stats:
    """What was written."""

    documents: int = 0
    actors: int = 0
    countries: int = 0
    claims: int = 0
    annotations: int = 0
    bytes: int = 0


PARAGRAPHS = 8
"""Paragraphs of each document (issue 16's corpus); the first has no statement."""

STATEMENTS = 7
"""Statements (quotations and reported positions) a document has on average by default: issue 16's
light corpus (6 to 8 each). The benchmark's headline passes the real corpus's density instead
(`real_density`)."""


class _Generator:
    def __init__(self, n: int, seed: int, statements: int = STATEMENTS) -> None:
        self.n = n
        self.statements = statements
        self.rng = random.Random(seed)
        self.names: set[str] = set()
        self._dated = False
        self.ids: set[str] = set()
        self.countries: list[_Entity] = []
        self.actors: list[_Entity] = []
        self.kinds: dict[str, str] = {}
        self.claims: list[_Entity] = []

    def unique_name(self, name: str) -> bool:
        if name in self.names:
            return False
        self.names.add(name)
        return True

    def unique_id(self, base: str) -> str:
        candidate, k = base, 1
        while candidate in self.ids:
            k += 1
            candidate = f"{base}-{k}"
        self.ids.add(candidate)
        return candidate

    # Registry --------------------------------------------------------------------------

    def registry(self) -> None:
        n_countries = max(8, min(self.n // 30, len(COUNTRIES) + 2))
        self.add_country("European Union", "EU", ["EU"], "eu")
        self.add_country("China", "CN", ["Chinese"], "china")
        for name, code, demonym in COUNTRIES[: n_countries - 2]:
            self.add_country(name, code, [demonym], slug(name))
        n_actors = max(30, self.n // 5)
        # The hubs of the debate: mentioned in most documents, as in the real corpus.
        self.add_actor("Huawei", "organisation", "china", ["Huawei Technologies"],
                       role="Telecommunications equipment maker")
        self.add_actor("ZTE", "organisation", "china", ["ZTE Corporation"], role="Telecommunications equipment maker")
        self.add_actor("European Commission", "public-body", "eu", ["the Commission"], role="EU executive")
        self.add_actor("Chinese Government", "public-body", "china", ["Beijing"], role="Government of China")
        for outlet in OUTLETS:
            self.add_actor(outlet, "organisation", self.rng.choice(self.countries).id, [], role="News outlet")
        organisations: list[_Entity] = []
        while len(self.actors) < n_actors:
            country = self.rng.choice(self.countries[1:])
            if self.rng.random() < 0.45:
                pattern, category = self.rng.choice(ORG_PATTERNS)
                demonym = country.aliases[0]
                name = pattern.format(d=demonym)
                kind = "organisation" if category == "business" else "public-body"
                if name in self.names:
                    first, second = self.rng.choice(COMPANY_PARTS[0]), self.rng.choice(COMPANY_PARTS[1])
                    name = f"{first}{second} {country.name}"
                    kind = "organisation"  # a company
                acronym = "".join(w[0] for w in name.split() if w[0].isupper())
                aliases = [acronym] if len(acronym) >= 3 and acronym not in self.names else []
                actor = self.add_actor(name, kind, country.id, aliases, role="")
                if actor:
                    organisations.append(actor)
            else:
                first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES)
                name = f"{first} {last}"
                aliases = [last] if last not in self.names else []
                part_of = ""
                members = [o for o in organisations[-40:] if o.country == country.id]
                if members and self.rng.random() < 0.5:
                    part_of = self.rng.choice(members).id
                self.add_actor(name, "person", country.id, aliases, role=self.rng.choice(ROLES_PERSON),
                               part_of=part_of)
        n_claims = max(10, self.n // 10)
        while len(self.claims) < n_claims:
            pattern = self.rng.choice(CLAIM_PATTERNS)
            statement = pattern.format(v=self.rng.choice(VENDORS), c=self.rng.choice(self.countries).name)
            if statement in self.names:
                statement = statement[:-1] + f" by {2019 + len(self.claims) % 8}."
                if statement in self.names:
                    continue
            self.names.add(statement)
            claim_id = self.unique_id(_shorten(slug(statement), 60))
            self.claims.append(_Entity(claim_id, statement, {"statement": statement},
                                       "A claim of the synthetic benchmark corpus, stated in one sentence."))

    def add_country(self, name: str, code: str, aliases: list[str], id_: str) -> None:
        self.unique_name(name)
        aliases = [a for a in aliases if self.unique_name(a)]
        fields: dict[str, str | list[str]] = {"name": name, "code": code}
        if aliases:
            fields["aliases"] = aliases
        self.ids.add(id_)
        self.countries.append(_Entity(id_, name, fields, f"{name}, as a jurisdiction in the synthetic corpus.",
                                      aliases, id_))

    def add_actor(self, name: str, kind: str, country: str, aliases: list[str], *, role: str,
                  part_of: str = "") -> _Entity | None:
        if not self.unique_name(name):
            return None
        aliases = [a for a in aliases if self.unique_name(a)]
        # An organisation (a company, an outlet) is based in its country and acts for no state, nor do
        # its people (of its nationality here); a public body and the people of one act for it.
        key = ("based_in" if kind == "organisation" else "nationality" if part_of and self.kinds[part_of] ==
               "organisation" else "country")
        fields: dict[str, str | list[str]] = {"name": name, "kind": kind, key: country}
        if role:
            fields["role"] = role
        if part_of:
            fields["part_of"] = part_of
        if aliases:
            fields["aliases"] = aliases
        actor = _Entity(self.unique_id(slug(name)), name, fields,
                        f"{name} is a {kind} in the synthetic benchmark corpus.", aliases, country)
        self.actors.append(actor)
        self.kinds[actor.id] = kind
        return actor

    # Documents -------------------------------------------------------------------------

    def document(self, number: int) -> tuple[str, str, str, int]:
        """``(id, annotated source, original text, annotation count)`` of document `number`."""
        rng = self.rng
        hubs = self.actors[:4]
        outlet = rng.choice(self.actors[4 : 4 + len(OUTLETS)])
        # Outlets are publishers and are named in the text, but rarely speak.
        others = rng.sample(self.actors[4 + len(OUTLETS) :], 4)
        cast = [*hubs[:2], rng.choice(hubs[2:]), outlet, *others]
        # Hubs speak in some documents only, so their pages are big but not the whole corpus.
        speakers = others[:3] + ([hubs[0]] if rng.random() < 0.3 else [others[3]])
        countries = rng.sample(self.countries, 3)
        claims = rng.sample(self.claims, 3)
        published = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))
        topic = rng.choice(TOPICS)
        title = f"{countries[0].name} weighs {topic} as {hubs[rng.randrange(2)].name} row deepens ({number})"
        doc_id = f"doc-{number:05d}-{slug(countries[0].name)}"

        # Each paragraph is a list of (annotated, plain) pieces; statements go in their own slots.
        statements = self.statements - 1 + rng.randrange(3)  # quotes and reported positions, ±1
        explicit = 2
        redacted = 1 if rng.random() < 0.3 else 0
        count = statements + explicit + redacted
        paragraphs: list[list[tuple[str, str]]] = []
        slots = ["statement"] * statements + ["mention"] * explicit + ["redacted"] * redacted
        rng.shuffle(slots)
        n_paragraphs = PARAGRAPHS
        per_paragraph = [[] for _ in range(n_paragraphs)]  # type: list[list[str]]
        for i, slot in enumerate(slots):
            per_paragraph[1 + i % (n_paragraphs - 1)].append(slot)
        self._dated = False
        for p in range(n_paragraphs):
            pieces: list[tuple[str, str]] = []
            for _ in range(4 + rng.randrange(3)):
                sentence = self.sentence(cast, countries, topic, published.year)
                pieces.append((sentence + " ", sentence + " "))
            for slot in per_paragraph[p]:
                pieces.insert(rng.randrange(len(pieces) + 1), self.slot(slot, speakers, cast, claims, published))
            paragraphs.append(pieces)
        annotated_body = "\n\n".join("".join(a for a, _ in ps).rstrip() for ps in paragraphs)
        original_body = "\n\n".join("".join(o for _, o in ps).rstrip() for ps in paragraphs)
        fields: dict[str, str | list[str]] = {
            "title": title, "publisher": outlet.name, "published": published.isoformat(),
            "url": f"https://news.example.org/{published.year}/{doc_id}",
            "language": "en", "kind": rng.choice(KINDS),
        }
        if rng.random() < 0.6:
            fields["author"] = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if rng.random() < 0.2:
            fields["reference"] = f"BENCH/{published.year}/{number:05d}"
        source = _front_matter(fields) + f"{title}\n\n" + annotated_body + "\n"
        original = f"{title}\n\n" + original_body + "\n"
        return doc_id, source, original, count

    def sentence(self, cast: list[_Entity], countries: list[_Entity], topic: str, year: int) -> str:
        rng = self.rng
        template = rng.choice(SENTENCES)
        a, b = rng.sample(cast, 2)
        demonym = rng.choice(countries)
        values = {
            "A": a.name, "B": b.name,
            "C": countries[0].name, "C2": rng.choice(countries[1:]).name,
            "D": demonym.aliases[0] if demonym.aliases else demonym.name,
            "V": rng.choice(VENDORS), "city": rng.choice(CITIES), "topic": topic,
            "year": str(year - 1 - rng.randrange(3)), "year2": str(year),
        }
        if rng.random() < 0.3:
            # Surnames and acronyms as aliases, the way articles refer to people the second time.
            aliased = [a for a in cast if a.aliases]
            if aliased:
                values["A"] = rng.choice(aliased).aliases[0]
        text = template.format(**values)
        return text[0].upper() + text[1:]

    def slot(self, slot: str, speakers: list[_Entity], cast: list[_Entity], claims: list[_Entity],
             published: dt.date) -> tuple[str, str]:
        rng = self.rng
        if slot == "mention":
            target = rng.choice(cast)
            label = rng.choice(EXPLICIT_LABELS)
            sentence = "Asked about it later, {x} said it had nothing to add."
            return (sentence.format(x=f"[{label}]{{actor={target.id}}}") + " ", sentence.format(x=label) + " ")
        if slot == "redacted":
            # As in released documents, the original has a gap where the name was withheld.
            sentence = "The meeting was attended by {x} of the delegation."
            return sentence.format(x="[…]{redacted}") + " ", sentence.format(x="") + " "
        speaker = rng.choice(speakers)
        attributes = [f"by={speaker.id}"]
        roll = rng.random()
        if roll < 0.9:
            stance = rng.choices(["supports", "disputes", "about"], weights=[45, 35, 20])[0]
            chosen = [claims[0].id] if rng.random() < 0.6 else [rng.choice(claims).id]
            if rng.random() < 0.1:
                chosen = sorted({c.id for c in claims[:2]})
            attributes.append(f"{stance}={','.join(chosen)}")
        if not self._dated and rng.random() < 0.5:
            self._dated = True  # at most one statement per document said on another day
            attributes.append(f"date={(published - dt.timedelta(days=1 + rng.randrange(20))).isoformat()}")
        if rng.random() < 0.5:
            words = "“" + rng.choice(QUOTES) + "”"
            kind = "quote"
            frame = f"{speaker.name} said: {{x}}."
        else:
            words = rng.choice(REPORTED)
            kind = "says"
            frame = f"{speaker.name} told reporters that {{x}}."
        annotated = frame.format(x=f"[{words}]{{{kind} {' '.join(attributes)}}}") + " "
        return annotated, frame.format(x=words) + " "


def _front_matter(fields: dict[str, str | list[str]]) -> str:
    return "---\n" + "".join(f"{key}: {_yaml(value)}\n" for key, value in fields.items()) + "---\n"


def real_density(sources: Path) -> float:
    """Statements a document has on average in the corpus at `sources` (the real one: about 18)."""
    from dossier.reading.loader import load

    documents = list(load(sources).documents.values())
    return sum(len(d.statements) for d in documents) / len(documents) if documents else 0.0


def generate(target: Path, n: int, *, seed: int = 0, statements: int = STATEMENTS) -> Stats:
    """Write a corpus of `n` documents into ``target/sources`` (replacing what is there).

    Args:
        target: The project folder; ``sources/`` is created in it.
        n: How many documents.
        seed: The seed of the generator: the same `n`, `seed` and `statements` give the same files.
        statements: Statements a document has on average (each has one more, one fewer or as many).
    """
    if statements < 1:
        raise ValueError(f"statements per document must be at least 1, not {statements}")
    generator = _Generator(n, seed, statements)
    generator.registry()
    sources = target / "sources"
    if sources.exists():
        shutil.rmtree(sources)
    for folder in ("documents", "actors", "countries", "claims", "originals"):
        (sources / folder).mkdir(parents=True)
    stats = Stats(countries=len(generator.countries), actors=len(generator.actors), claims=len(generator.claims))

    def write(path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        stats.bytes += len(text.encode("utf-8"))

    for folder, entities in (("countries", generator.countries), ("actors", generator.actors),
                             ("claims", generator.claims)):
        for entity in entities:
            write(sources / folder / f"{entity.id}.md", _front_matter(entity.fields) + entity.description + "\n")
    for number in range(1, n + 1):
        doc_id, source, original, count = generator.document(number)
        write(sources / "documents" / f"{doc_id}.md", source)
        write(sources / "originals" / f"{doc_id}.txt", original)
        stats.documents += 1
        stats.annotations += count
    return stats


def main() -> None:
    """Command line: write a corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="project folder; sources/ is written in it")
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--statements", type=int, default=STATEMENTS, help="statements a document has on average")
    args = parser.parse_args()
    stats = generate(args.target, args.n, seed=args.seed, statements=args.statements)
    print(f"{stats.documents} documents, {stats.actors} actors, {stats.countries} countries, "
          f"{stats.claims} claims, {stats.annotations} explicit annotations, {stats.bytes / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
