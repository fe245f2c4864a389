"""What each page type answers in the site search (``direct_answer``), one module per page type.

The page models call these functions (``cms_pages/models/*.py``: ``search_parts``,
``direct_answer``); the search app calls only that interface (``search.knowledge``).
"""
