"""What a Russian reader of the admin sees, and which of it looks like English UI.

``visible_texts(html)`` gives every piece of text a page shows or speaks: text nodes (outside
``script`` and ``style``, ``textarea``, whose content is the editor's own, and ``code``, ``pre``, ``kbd``
and ``samp``, which mark machine values: codes, sample input, key names; text in closed dropdowns and
dialogs, marked ``hidden``, counts), the attributes a browser
shows or a screen reader reads (``title``, ``aria-label``, ``placeholder``, ``alt``, button values,
Wagtail's tooltip and label ``data-*-value`` attributes), and the labels inside the JSON that the
admin's JavaScript draws from (the sidebar menu, the StreamField block definitions, ``wagtail-config``).

``english_fragments(texts)`` is dictionary-free: a piece of text is flagged when it holds two or more
Latin words (two or more letters, not all capitals: "CSV", "RU", "PDF" are codes, not prose), or
one Latin word of three letters or more and no Cyrillic at all ("Password", "Root", "None").
"""
import json
import re
from html.parser import HTMLParser

SKIP_CONTENT = {"script", "style", "textarea", "code", "pre", "kbd", "samp"}  # scripts, the editor's text, machine values
TEXT_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description", "aria-roledescription",
                   "aria-valuetext", "data-w-tooltip-content-value", "data-label", "data-title"}
TEXT_DATA_VALUE = re.compile(r"^data-w-[\w-]+-(label|text|title|message|content|active|caption)-value$")
BUTTON_TYPES = {"submit", "button", "reset"}
# Keys of the admin's JSON props that hold words shown to the editor (not content, not URLs).
JSON_TEXT_KEYS = {"label", "help_text", "helpText", "title", "description", "name_label", "heading",
                  "placeholder", "text", "STRINGS", "strings", "icon_label", "add_label", "group",
                  "aria_label", "ariaLabel", "emptyText", "message", "labels", "error_name"}
STRING_TABLES = {"STRINGS", "strings", "labels"}

LATIN_WORD = re.compile(r"(?<![\w@/.#-])[A-Za-z][a-z]+(?:'[a-z]+)?(?![\w@/-])")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Not words of a UI at all: addresses, e-mail addresses, file names, identifiers, template syntax.
NOT_PROSE = re.compile(
    r"https?://\S+|\S+@\S+|\b[\w-]+\.(?:pdf|docx?|xlsx?|csv|jpe?g|png|svg|txt|json|html?|py)\b"
    r"|\b\w+_\w+\b|\{\{.*?\}\}|\{%.*?%\}|\b[a-z]+(?:[A-Z][a-z]+)+\b",
)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.open = []  # (tag, skip, hidden): skip inside script, style and textarea; hidden inside `hidden`
        self.json_buffer = None

    @property
    def skipping(self):
        return bool(self.open) and self.open[-1][1]

    @property
    def hidden(self):
        return bool(self.open) and self.open[-1][2]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if not self.skipping and (attrs.get("type") or "").lower() != "hidden":
            self.collect_attributes(tag, attrs)
        if tag in VOID:
            return
        if tag == "script" and (attrs.get("type") or "") == "application/json" and not self.skipping:
            self.json_buffer = []
        self.open.append((tag, self.skipping or tag in SKIP_CONTENT, self.hidden or "hidden" in attrs))

    def handle_startendtag(self, tag, attrs):
        if not self.skipping:
            self.collect_attributes(tag, dict(attrs))

    def collect_attributes(self, tag, attrs):
        for name, value in attrs.items():
            if not value:
                continue
            if name in TEXT_ATTRIBUTES or TEXT_DATA_VALUE.match(name):
                self.texts.append(value)
            elif name == "value" and tag == "input" and (attrs.get("type") or "").lower() in BUTTON_TYPES:
                self.texts.append(value)
            elif (name.startswith("data-") and name.endswith("-value") and value[:1] in "[{"
                  and not name.endswith("-arguments-value")):  # a block's arguments are its content
                self.texts.extend(json_texts(value))

    def handle_endtag(self, tag):
        if tag in VOID or not any(entry[0] == tag for entry in self.open):
            return
        while self.open:
            open_tag = self.open.pop()[0]
            if open_tag == tag:
                break
        if tag == "script" and self.json_buffer is not None:
            self.texts.extend(json_texts("".join(self.json_buffer)))
            self.json_buffer = None

    def handle_data(self, data):
        if self.json_buffer is not None:
            self.json_buffer.append(data)
        elif self.skipping or not data.strip():
            return
        elif self.hidden and data.strip() == "None":
            return  # an empty counter (hidden until JavaScript writes a number into it), not text
        else:
            self.texts.append(data)


def json_texts(raw):
    """Strings under the keys that hold labels, anywhere in a JSON document (content values are not read)."""
    try:
        data = json.loads(raw)
    except ValueError:
        return []
    found = []

    def walk(node, key=None):
        if isinstance(node, dict) and "_val" in node:  # telepath's first use of a shared value
            walk(node["_val"], key)
        elif isinstance(node, dict):
            for child_key, value in node.items():
                # a dict of strings under "strings" is all labels; elsewhere only the label keys count
                walk(value, key if key in STRING_TABLES else child_key)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)
        elif isinstance(node, str) and key in JSON_TEXT_KEYS and node.strip() and node.strip()[:1] not in "[{":
            found.append(node)  # (a string that is itself JSON is a rich text default, not a label)

    walk(data)
    return found


def visible_texts(html):
    parser = _TextCollector()
    parser.feed(html)
    parser.close()
    return [" ".join(text.split()) for text in parser.texts if text.strip()]


def looks_english(text):
    prose = NOT_PROSE.sub(" ", text)
    words = LATIN_WORD.findall(prose)
    if len(words) >= 2:
        return True
    return len(words) == 1 and len(words[0]) >= 3 and not CYRILLIC.search(prose)


def english_fragments(texts):
    return sorted({text for text in texts if looks_english(text)})
