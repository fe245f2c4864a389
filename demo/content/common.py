"""Small builders for StreamField raw data and rich text used by the demo content modules."""
from demo.loader import PageSpec, Ref, T  # noqa: F401  (re-exported for content modules)

DEMO_RU = "Значения демонстрационные: перед публикацией сверьте их с официальным источником."
DEMO_EN = "These are demonstration values: check them against the official source before publishing."


def link(key, text):
    """A rich-text link to another demo page; the text must say where it goes."""
    return f'<a linktype="page" id="{{ref:{key}}}">{text}</a>'


def ext(url, text):
    return f'<a href="{url}">{text}</a>'


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def ol(*items):
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


# ---------------------------------------------------------------- body blocks (raw data)

def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def para(html):
    return {"type": "paragraph", "value": html}


def callout(text_html, title="", kind="info"):
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": text_html}}


def table(caption, columns, rows):
    """``columns``: [(type, heading)], type one of text/number/rich_text; ``rows``: lists of cells."""
    return {"type": "table", "value": {
        "caption": caption,
        "table": {
            "caption": "",
            "columns": [{"type": kind, "heading": title} for kind, title in columns],
            "rows": [{"values": [str(cell) if kind == "number" else cell
                                 for (kind, _title), cell in zip(columns, row)]} for row in rows],
        },
    }}


def image(image_obj, alt):
    return {"type": "image", "value": {"image": image_obj.pk, "alt_text": alt, "decorative": False}}


def page_choices(*keys):
    return [{"type": "page", "value": Ref(key)} for key in keys]


def step(title, what_to_do, documents=(), responsible="", deadline="", cost="", connector=""):
    return {"type": "step", "value": {
        "title": title, "what_to_do": what_to_do, "documents": list(documents),
        "responsible": responsible, "deadline": deadline, "cost": cost, "connector": connector,
    }}


def items(kind, *texts):
    """A StreamField of plain CharBlocks (criteria, documents)."""
    return [{"type": kind, "value": text} for text in texts]


def top_task(title, description, key=None, url=""):
    return {"type": "task", "value": {
        "title": title, "description": description,
        "page": Ref(key) if key else None, "url": url,
    }}


def page(key, model, parent, title, slug, summary, menu=False, children=None, **fields):
    """A PageSpec with the common fields; ``title``, ``slug``, ``summary`` are T(ru, en)."""
    return PageSpec(key=key, model=model, parent=parent,
                    fields={"title": title, "slug": slug, "summary": summary,
                            "show_in_menus": menu, **fields},
                    children=children or {})
