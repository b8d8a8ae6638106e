"""The registry: actors, countries and claims, read before any document refers to them."""

from __future__ import annotations

import difflib

from dossier.model import MAX_ID, Actor, Claim, Corpus, Country, Entity, acting_country
from dossier.problems import Location, Problems, too_long
from dossier.reading import fields as schemas
from dossier.reading.files import SourceText, slug
from dossier.reading.frontmatter import SourceFile
from dossier.reading.markup import Attribute
from dossier.reading.matcher import NameMatcher
from dossier.suggest import CUTOFF, NameIndex

COUNTRY_FIELDS = ("country", "nationality", "based_in")
"""An actor's country fields: ``country`` the state a public body or a person acts for,
``based_in`` where an organisation (which does not act for one) is based, ``nationality`` a person's."""


class Registry:
    """Adds the entities of ``sources/`` to a corpus and resolves the ids that refer to them.

    Args:
        corpus: The corpus whose ``actors``, ``countries`` and ``claims`` are filled.
        problems: Where problems go.
        broken: Per kind, ids whose file exists but is unusable (see `SourceTree.broken`):
            a use of one is not reported as unknown, its file's own errors are.
    """

    def __init__(self, corpus: Corpus, problems: Problems, broken: dict[str, set[str]]) -> None:
        self.corpus = corpus
        self.problems = problems
        self.broken = broken
        self._part_of_locations: dict[str, Location | None] = {}
        self._field_locations: dict[tuple[str, str], Location] = {}
        self._name_locations: dict[str, Location] = {}
        self._names: dict[str, dict[str, tuple[str, str]]] = {}
        self._name_index: dict[str, tuple[NameIndex, dict[str, tuple[str, str]]]] = {}

    def add_country(self, read: SourceText) -> None:
        """Add the country of `read`, or report why it cannot be."""
        checked = self.read_entity(read, schemas.COUNTRY, "country", required="name")
        if checked is None:
            return
        source, values = checked
        country = Country(read.id, read.path, source.body.strip(), name=str(values["name"]),
                          code=str(values.get("code", "")))
        self.set_aliases(country, source, values)
        self.corpus.countries[read.id] = country

    def add_actor(self, read: SourceText) -> None:
        """Add the actor of `read`, or report why it cannot be; its ``part_of`` is checked later."""
        checked = self.read_entity(read, schemas.ACTOR, "actor", required="name")
        if checked is None:
            return
        source, values = checked
        # A wrong kind is reported; the actor is kept all the same, so that the rest of its file and
        # every use of it are checked in this run too.
        actor = Actor(
            read.id, read.path, source.body.strip(), name=str(values["name"]), kind=str(values.get("kind", "")),
            country=str(values.get("country", "")), role=str(values.get("role", "")),
            part_of=str(values.get("part_of", "")), nationality=str(values.get("nationality", "")),
            based_in=str(values.get("based_in", "")),
        )
        self.set_aliases(actor, source, values)
        for key in COUNTRY_FIELDS:
            value = getattr(actor, key)
            if value:
                self._field_locations[read.id, key] = source.fields[key].value_location
                if value not in self.corpus.countries:
                    self.unknown(source.fields[key].value_location, "country", value)
        self._check_country_fields(actor)
        self.corpus.actors[read.id] = actor
        self._part_of_locations[read.id] = source.fields["part_of"].value_location if actor.part_of else None

    def _check_country_fields(self, actor: Actor) -> None:
        """Report a country field its kind does not take: each kind has its own (see `COUNTRY_FIELDS`)."""
        if actor.kind == "organisation" and actor.country:
            self.problems.error(
                self._field_locations[actor.id, "country"],
                f"'country: {actor.country}' is the state an actor acts for, but {actor.name} is an organisation "
                f"(kind: organisation), and an organisation that does not act for a state is based in a country: "
                f"write 'based_in: {actor.country}' (or 'kind: public-body' if it acts for the state)")
        if actor.based_in and actor.kind in ("person", "public-body"):
            fix = (f"a person's country is 'nationality: {actor.based_in}' (or 'country: {actor.based_in}' if "
                   "they act for it)" if actor.kind == "person" else
                   f"a public body acts for a state: write 'country: {actor.based_in}'")
            self.problems.error(self._field_locations[actor.id, "based_in"],
                                f"'based_in' is where an organisation that does not act for a state is based, "
                                f"but {actor.name} is a {actor.kind}: {fix}")
        if actor.nationality and actor.kind in ("organisation", "public-body"):
            fix = (f"'based_in: {actor.nationality}'" if actor.kind == "organisation" else
                   f"'country: {actor.nationality}' (the state it acts for)")
            self.problems.error(self._field_locations[actor.id, "nationality"],
                                f"'nationality' is a person's, but {actor.name} is a{'n' * (actor.kind[0] == 'o')} "
                                f"{actor.kind}: write {fix}")

    def add_claim(self, read: SourceText) -> None:
        """Add the claim of `read`, or report why it cannot be."""
        checked = self.read_entity(read, schemas.CLAIM, "claim", required="statement")
        if checked is None:
            return
        source, values = checked
        claim = Claim(read.id, read.path, source.body.strip(), statement=str(values["statement"]))
        self.set_aliases(claim, source, values)
        self.corpus.claims[read.id] = claim

    def read_entity(self, read: SourceText, schema: dict[str, schemas.Spec], kind: str, *,
                    required: str) -> tuple[SourceFile, dict[str, object]] | None:
        """An entity's file and checked front matter; ``None``, its id marked broken, without `required`."""
        self._forget_names(kind)
        source = read.split(self.problems)
        values = self.check_fields(read, source, schema, kind)
        if required not in values:
            self.broken[kind].add(read.id)
            return None
        return source, values

    def check_fields(self, read: SourceText, source: SourceFile, schema: dict[str, schemas.Spec],
                     kind: str) -> dict[str, object]:
        """The checked values of an entity's front matter; remember where its name is written."""
        if not source.readable:
            return {}  # the front matter's own problem is reported; the entity stays unknown
        name = source.fields.get("name")
        if name is not None:
            self._name_locations[f"{kind}:{read.id}"] = name.value_location
        return schemas.check(source.fields, schema, source.end, self.problems)

    def set_aliases(self, entity: Entity, source: SourceFile, values: dict[str, object]) -> None:
        """Set `entity`'s aliases, and where each is written, from its checked front matter."""
        aliases = values.get("aliases") or []
        assert isinstance(aliases, list)
        field = source.fields.get("aliases")
        locations = (field.item_locations if field and field.item_locations else
                     [field.value_location] * len(aliases) if field else [])
        entity.aliases = tuple(aliases)
        entity.alias_locations = tuple(locations[: len(aliases)])

    def check_references(self) -> None:
        """Report each ``part_of`` that names no actor, and each circle of them.

        Known only once every actor is read. A circle: an actor part of itself, or of one of its own parts.
        """
        actors = self.corpus.actors
        for actor in actors.values():
            if actor.part_of and actor.part_of not in actors:
                location = self._part_of_locations.get(actor.id) or Location(actor.path)
                self.unknown(location, "actor", actor.part_of)
        done: set[str] = set()
        for start in actors:
            path: list[str] = []
            on_path: set[str] = set()
            current = start
            while current in actors and current not in done and current not in on_path:
                path.append(current)
                on_path.add(current)
                current = actors[current].part_of
            if current in on_path:
                self._report_circle(path[path.index(current):])
            done.update(path)
        for actor in self.corpus.actors.values():
            self._check_acting_for(actor)

    def _report_circle(self, circle: list[str]) -> None:
        """One error for the circle of ``part_of`` through `circle`, at its first actor by id."""
        first = circle.index(min(circle))
        circle = circle[first:] + circle[:first]
        actor = self.corpus.actors[circle[0]]
        location = self._part_of_locations.get(actor.id) or Location(actor.path)
        if len(circle) == 1:
            self.problems.error(location, f"'{actor.id}' is part_of itself: an actor cannot be part of itself")
        else:
            chain = " → ".join([*circle, circle[0]])
            self.problems.error(location, f"'part_of' goes round in a circle: {chain}; an actor cannot be part "
                                          "of one of its own parts")

    def _check_acting_for(self, actor: Actor) -> None:
        """Report a person with a ``country`` whose organisation (``part_of``) acts for no state or another.

        Part of an organisation (a company, an outlet), a person acts for no state: the country is an
        error. Part of a public body that acts for another, it is a warning unless a ``nationality`` is
        given too: the usual sign of a nationality written where the jurisdiction belongs.
        """
        if actor.kind != "person" or not actor.country or not actor.part_of:
            return
        location = self._field_locations.get((actor.id, "country")) or Location(actor.path)
        organisation = self._organisation_above(actor)
        if organisation is not None:
            self.problems.error(
                location,
                f"'country: {actor.country}' is the state an actor acts for, but {actor.name} is part of "
                f"{organisation.id}, an organisation that does not act for a state, nor do its people: write "
                f"'nationality: {actor.country}' if a source establishes it (or, if {organisation.id} acts for "
                f"the state, 'kind: public-body' in its file)")
            return
        if actor.nationality:
            return
        countries = self.corpus.countries
        organisation_country = acting_country(self.corpus.actors, actor.part_of)
        if not organisation_country or organisation_country == actor.country or actor.country not in countries \
                or organisation_country not in countries:
            return
        mine, theirs = countries[actor.country].name, countries[organisation_country].name
        self.problems.warning(
            location,
            f"'country: {actor.country}' counts {actor.name}'s stances for {mine}, but {actor.part_of}, which "
            f"{actor.name} is part of, counts for {theirs}: if {actor.name} acts for it, write 'country: "
            f"{organisation_country}' (and the nationality, if a source establishes it, as "
            f"'nationality: {actor.country}')",
        )

    def _organisation_above(self, actor: Actor) -> Actor | None:
        """The first organisation (``kind: organisation``) `actor` is part of, through ``part_of``, if any."""
        seen = {actor.id}
        current = self.corpus.actors.get(actor.part_of)
        while current is not None and current.id not in seen:
            if current.kind == "organisation":
                return current
            seen.add(current.id)
            current = self.corpus.actors.get(current.part_of)
        return None

    def build_matcher(self) -> NameMatcher:
        """The matcher of every name and alias; a name two entities share is reported."""
        owners: dict[str, tuple[str, str]] = {}
        first_seen: dict[str, Location] = {}
        entities: list[tuple[str, Actor | Country]] = [("country", c) for c in self.corpus.countries.values()]
        entities += [("actor", a) for a in self.corpus.actors.values()]
        for kind, entity in entities:
            name_location = self._name_locations.get(f"{kind}:{entity.id}", Location(entity.path))
            names = [(entity.name, name_location)]
            names += list(zip(entity.aliases, entity.alias_locations or [name_location] * len(entity.aliases),
                              strict=False))
            for name, location in names:
                owner = owners.get(name)
                if owner is None:
                    owners[name] = (kind, entity.id)
                    first_seen[name] = location
                elif owner != (kind, entity.id):
                    self.problems.error(
                        location,
                        f"'{name}' is also a name or alias of {owner[0]} '{owner[1]}' ({first_seen[name]}): "
                        "automatic mentions would be ambiguous; keep it on one entity and mark the "
                        "other's mentions explicitly",
                    )
        return NameMatcher(owners)

    def ids(self, pair: Attribute, key: str) -> tuple[str, ...] | None:
        """The ids listed in `pair`'s value, or None after reporting what is wrong with them."""
        kind = "actor" if key in ("by", "actor", "via") else "country" if key == "country" else "claim"
        registry = self.known(kind)
        ok = True
        ids: list[str] = []
        offset = len(key) + 1
        for id_ in (pair.value or "").split(","):
            where = pair.at(offset)
            offset += len(id_) + 1
            if not id_:
                self.problems.error(where, f"empty id in '{key}=': separate ids by single commas, without spaces")
                ok = False
            elif len(id_) > MAX_ID:
                self.problems.error(where, too_long(f"an id in '{key}='", id_, MAX_ID))
                ok = False
            elif id_ in ids:
                self.problems.error(where, f"'{id_}' is listed twice in '{key}='")
                ok = False
            elif id_ not in registry:
                extra = ""
                if kind == "actor" and id_ in self.corpus.countries:
                    extra = f" ('{id_}' is a country; who speaks must be an actor, e.g. its government)"
                self.unknown(where, kind, id_, extra)
                ok = False
            ids.append(id_)
        return tuple(ids) if ok else None

    def unknown(self, location: Location, kind: str, id_: str, extra: str = "") -> None:
        """Report an unknown id, unless its file exists and its own errors are already reported."""
        if id_ in self.broken[kind]:
            return
        folder = {"actor": "actors", "country": "countries", "claim": "claims"}[kind]
        self.problems.error(location, f"unknown {kind} '{id_}'{self.did_you_mean(kind, id_)}{extra} "
                                      f"(no sources/{folder}/{id_}.md)")

    def known(self, kind: str) -> dict[str, Actor] | dict[str, Country] | dict[str, Claim]:
        """The entities of `kind` (``actor``, ``country``, ``claim``) by id."""
        if kind == "actor":
            return self.corpus.actors
        return self.corpus.countries if kind == "country" else self.corpus.claims

    def _forget_names(self, kind: str) -> None:
        """The registry of `kind` grows: its names, aliases and index are gathered anew when next needed."""
        self._names.pop(kind, None)
        self._name_index.pop(kind, None)

    def names(self, kind: str) -> dict[str, tuple[str, str]]:
        """Each name and alias of an entity of `kind`, mapped to ``(id, "name" or "alias")``.

        A claim's are its statement and aliases. Made once, when first needed.
        """
        if kind not in self._names:
            named: dict[str, tuple[str, str]] = {}
            entities: list[tuple[str, str, tuple[str, ...]]] = (
                [(a.id, a.name, a.aliases) for a in self.corpus.actors.values()] if kind == "actor" else
                [(c.id, c.name, c.aliases) for c in self.corpus.countries.values()] if kind == "country" else
                [(c.id, c.statement, c.aliases) for c in self.corpus.claims.values()])
            for id_, name, aliases in entities:
                named.setdefault(name, (id_, "name"))
                for alias in aliases:
                    named.setdefault(alias, (id_, "alias"))
            self._names[kind] = named
        return self._names[kind]

    def did_you_mean(self, kind: str, word: str) -> str:
        """A ``; did you mean 'id'?`` suffix over the ids, names and aliases of `kind`, else ``""``.

        A name or alias is compared as the id it would make (``Government of Spain`` as
        ``government-of-spain``), so a misremembered id finds the entity whatever it is called.
        The choices are indexed (`NameIndex`) once per kind, so many typos cost little.
        """
        if kind not in self._name_index:
            choices: dict[str, tuple[str, str]] = {id_: (id_, "") for id_ in self.known(kind)}
            for name, (id_, what) in self.names(kind).items():
                choices.setdefault(slug(name), (id_, f" (its {what} '{name}')"))
            self._name_index[kind] = (NameIndex(choices), choices)
        index, choices = self._name_index[kind]
        typed = slug(word)
        close = [c for c in difflib.get_close_matches(typed, sorted(index.candidates(typed)), n=3, cutoff=CUTOFF)
                 if not self._other_country(typed, c)]
        if not close:
            return ""
        id_, via = choices[close[0]]
        return f"; did you mean '{id_}'{via}?"

    def _other_country(self, word: str, choice: str) -> bool:
        """Whether `word` and `choice` differ in naming two countries.

        ``german-interior-ministry`` and ``spain-interior-ministry`` are close as texts, but
        different entities, not a typo of one another.
        """
        countries = {slug(name): id_ for name, (id_, _) in self.names("country").items()}
        countries.update((id_, id_) for id_ in self.corpus.countries)
        mine = {countries[w] for w in set(word.split("-")) - set(choice.split("-")) if w in countries}
        theirs = {countries[w] for w in set(choice.split("-")) - set(word.split("-")) if w in countries}
        return bool(mine and theirs and mine != theirs)
