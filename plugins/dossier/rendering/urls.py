"""Where generated pages live: their source URIs and their public URLs."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from dossier.model import Document, Entity
from dossier.rendering.templates import Templates, default_templates


@dataclass(frozen=True, slots=True)
class Urls:
    """Public URLs of generated pages, for what MkDocs does not rewrite: data exports, JSON-LD.

    Attributes:
        site_url: The site's public root (``site_url`` of ``mkdocs.yml``), or ``""``: URLs are
            then relative to the file that contains them.
        directory_urls: MkDocs' ``use_directory_urls``: ``actors/huawei/`` rather than
            ``actors/huawei.html``.
    """

    site_url: str = ""
    directory_urls: bool = True
    memo: dict[tuple[str, str], Markup] = field(default_factory=dict, compare=False, repr=False)
    """HTML that depends only on a page's depth, made once per build: citations, entity links."""
    templates: Templates = field(default_factory=default_templates, compare=False, repr=False)
    """What the pages look like (the site's templates, then the package's): one per build, like the memo."""

    def path(self, folder: str, page_id: str = "") -> str:
        """The site-relative URL of a page, e.g. ``actors/huawei/``; ``folder/`` is its index."""
        if not page_id:
            within = f"{folder}/" if folder else ""  # "": the home page
            return within if self.directory_urls else f"{within}index.html"
        return f"{folder}/{page_id}/" if self.directory_urls else f"{folder}/{page_id}.html"

    def output(self, folder: str, page_id: str = "") -> str:
        """The file a page is written to, e.g. ``actors/huawei/index.html``."""
        path = self.path(folder, page_id)
        return path + "index.html" if path.endswith("/") else path

    def page(self, entity: Entity | Document, anchor: str = "", *, within: str) -> str:
        """The URL of `entity`'s page as written in the file `within` (site-relative output path)."""
        return self.resolve(self.path(entity.folder, entity.id) + (f"#{anchor}" if anchor else ""),
                            within=within)

    def resolve(self, target: str, *, within: str) -> str:
        """`target` (site-relative) as written in `within`: absolute under `site_url`, else relative.

        Called for every annotation of the exports: one string concatenation, no path arithmetic.
        """
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + target
        return "../" * within.count("/") + target


def uri(entity: Entity | Document) -> str:
    """The source URI of an entity's generated page, e.g. ``actors/huawei.md``."""
    return f"{entity.folder}/{entity.id}.md"


def folder_and_id(uri: str) -> tuple[str, str]:
    """``actors/huawei.md`` → ``("actors", "huawei")``; ``actors/index.md`` → ``("actors", "")``."""
    folder, _, name = uri.rpartition("/")
    stem = name.removesuffix(".md")
    return folder, "" if stem == "index" else stem
