"""Demo content, one module per kind of page; ``all_pages`` lists them parents first."""
from demo.content import centres, connection, home, news, pages, procedures, questions, subsidies, tariffs, tools


def all_pages(ctx):
    return [
        *home.pages(ctx), *tariffs.pages(ctx), *connection.pages(ctx), *subsidies.pages(ctx), *tools.pages(ctx),
        *procedures.pages(ctx), *centres.pages(ctx), *questions.pages(ctx), *news.pages(ctx),
        *pages.pages(ctx),
    ]
