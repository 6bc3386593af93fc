"""A letter published as an HTML page -> the letter's plain text (Beautiful Soup).

What is not the letter goes first: scripts and styles, navigation, banners (cookies, consent),
breadcrumbs, forms, sidebars, hidden elements, the page's own header and footer. Of what is
left, the main content is read (`<main>`, else the largest `<article>`, else `<body>`).

The text keeps the page's structure as a reader sees it: every block (paragraph, heading, list
item, table row) is a paragraph of its own, separated by a blank line, a row's cells apart on
its line; `<br>` breaks a line;
within a block, white space runs together as a browser shows it. Footnote marks (`<sup>1</sup>`)
become superscript digits, which the repair step drops, and the items of a footnote list open
with their plain number ("1 Motie ..."), as footnotes do in the text and PDF versions.
"""
from __future__ import annotations

import re

from kg.errors import ReadError
from kg.sources import Document
from kg.sources.layout import SUPERSCRIPT_DIGITS

DROPPED_TAGS = ["script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "input",
                "select", "textarea", "nav", "aside", "menu", "dialog", "object", "embed", "head"]
DROPPED_ROLES = {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu",
                 "menubar", "toolbar"}
# Words in an element's class or id that mark it as page furniture, not content.
DROPPED_WORDS = {"cookie", "cookies", "cookiebar", "cookiebanner", "consent", "gdpr", "banner", "breadcrumb",
                 "breadcrumbs", "skiplink", "skiplinks", "nav", "navbar", "navigation", "menu", "share", "social",
                 "sidebar", "related", "toolbar", "popup", "modal", "newsletter", "feedback", "search"}
FOOTNOTE_WORDS = {"footnote", "footnotes", "noot", "noten", "voetnoot", "voetnoten", "notes", "endnotes"}
BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
              "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "blockquote", "pre", "address",
              "figure", "figcaption", "dl", "dt", "dd", "hr", "body", "html", "center", "fieldset", "details",
              "summary", "caption"}
_WORDS = re.compile(r"[^a-z0-9]+")


def read_html(data: bytes, source: str) -> Document:
    """The letter's text; a ReadError names the file when the page holds no text."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for element in soup.find_all(_furniture):
        if not element.decomposed:
            element.decompose()
    root = _main_content(soup)
    writer = _Writer()
    writer.walk(root)
    text = writer.text()
    if not text.strip():
        raise ReadError(f"{source}: the HTML page holds no text")
    return Document(text + "\n")


def _words(tag) -> set[str]:
    names = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
    return set(_WORDS.split(names.lower())) - {""}


def _furniture(tag) -> bool:
    if tag.name in DROPPED_TAGS:
        return True
    if tag.name in ("header", "footer") and tag.find_parent(["article", "main"]) is None:
        return True  # the page's header and footer; an article's own header is content
    if (tag.get("role") or "").lower() in DROPPED_ROLES:
        return True
    if tag.has_attr("hidden") or (tag.get("aria-hidden") or "").lower() == "true":
        return True
    if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", tag.get("style") or "", re.IGNORECASE):
        return True
    return bool(_words(tag) & DROPPED_WORDS)


def _main_content(soup):
    """<main> (or role=main), else the article with the most text, else <body>, else everything."""
    mains = soup.find_all("main") + soup.find_all(attrs={"role": "main"})
    if mains:
        return max(mains, key=lambda tag: len(tag.get_text(" ", strip=True)))
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda tag: len(tag.get_text(" ", strip=True)))
    return soup.body or soup


class _Writer:
    """Blocks of text, each a list of lines, from an element tree."""

    def __init__(self):
        self.blocks: list[str] = []
        self.inline: list[str] = []

    def walk(self, node, footnotes: bool = False, pre: bool = False) -> None:
        from bs4 import NavigableString, Tag
        from bs4.element import PreformattedString

        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, doctype, CDATA
                # In <pre> the lines are the letter's own; elsewhere white space runs together.
                self.inline.append(str(node).replace("\r\n", "\n") if pre else re.sub(r"\s+", " ", str(node)))
            return
        if not isinstance(node, Tag):
            return
        if node.name == "br":
            self.inline.append("\n")
            return
        if node.name == "sup" and node.get_text(strip=True).isdigit():
            self.inline.append(node.get_text(strip=True).translate(SUPERSCRIPT_DIGITS))
            return
        footnotes = footnotes or bool(_words(node) & FOOTNOTE_WORDS)
        pre = pre or node.name in ("pre", "textarea")
        block = node.name in BLOCK_TAGS
        if block:
            self.flush()
        if node.name == "li":
            self.inline.append(self._item_mark(node, footnotes))
        if node.name in ("td", "th") and node.find_previous_sibling(["td", "th"]) is not None:
            self.inline.append(" ")  # "Polen 4,12", not "Polen4,12": the cells of a row stay apart
        for child in node.children:
            self.walk(child, footnotes, pre)
        if block:
            self.flush()

    @staticmethod
    def _item_mark(item, footnotes: bool) -> str:
        parent = item.parent
        if parent is None or parent.name != "ol":
            return "• "
        try:
            start = int(parent.get("start", 1))
        except ValueError:
            start = 1
        number = start + sum(1 for sibling in item.find_previous_siblings("li"))
        return f"{number} " if footnotes else f"{number}. "

    def flush(self) -> None:
        lines = [" ".join(line.split()) for line in "".join(self.inline).split("\n")]
        self.inline.clear()
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        if lines:  # blank lines inside a block (in <pre>) stay single blank lines
            self.blocks.append(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)))

    def text(self) -> str:
        self.flush()
        return "\n\n".join(self.blocks)
