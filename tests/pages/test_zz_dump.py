from tests.pages.test_page_types import all_pages  # noqa: F401


def test_dump(client, all_pages, tariff_page):  # noqa: F811
    for key in ["tariffs", "fees", "subsidy", "procedure", "centre", "directory", "home", "news_index"]:
        for i, url in enumerate(all_pages[key]):
            open(f"/tmp/dump_{key}_{i}.html", "wb").write(client.get(url).content)
    open("/tmp/dump_tariff_full_en.html", "wb").write(client.get("/en/tarify/?date=2026-06-30").content)
    open("/tmp/dump_tariff_full_ru.html", "wb").write(client.get("/ru/tarify/?date=2026-06-30").content)
    open("/tmp/dump_sitemap.xml", "wb").write(client.get("/sitemap.xml").content)
