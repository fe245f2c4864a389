"""The Django project of the Single Window portal.

It lives in the folder ``site/`` but is imported as ``singlewindow``: a package named
``site`` would be shadowed by the standard library module of that name.
"""
