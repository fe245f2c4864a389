"""The gold set run end to end through the management command on demo-like content."""
import io

from django.core.management import call_command

from search.evaluation import evaluate as ev


def test_gold_set_has_enough_realistic_queries():
    gold = ev.load_gold()
    assert len(gold) >= 50
    assert {item["lang"] for item in gold} == {"ru", "en"}


def test_our_search_beats_a_floor_and_wagtail_default(sample):
    gold = ev.load_gold()
    ours = ev.evaluate(gold, ev.ours)
    default = ev.evaluate(gold, ev.wagtail_default)
    assert ours["all"]["answered@3"] >= 0.85
    assert ours["all"]["mrr"] >= 0.7
    assert ours["all"]["answered@3"] > default["all"]["answered@3"] + 0.3


def test_evaluate_command_prints_figures(sample):
    out = io.StringIO()
    call_command("evaluate_search", "--no-default", stdout=out)
    text = out.getvalue()
    assert "answered@1" in text and "MRR" in text and "p95" in text
