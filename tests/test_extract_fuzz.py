"""Issue 21: no exception ever escapes extract, for any text. Hypothesis writes documents from a grammar of
real date phrases (tests/extract_grammar.py): every date form extract knows and near misses of them,
relative phrases, open spans, headings, lists in four markups, odd dashes, digits of other scripts, very
long lines and empty lines. Each draft must load as a collection and quote its source word for word.

CI runs a fixed, repeatable set (derandomized). To search further, set TIMELINE_FUZZ_EXAMPLES, e.g.
`TIMELINE_FUZZ_EXAMPLES=5000 python -m pytest tests/test_extract_fuzz.py`: then the examples are random.
"""

from __future__ import annotations

import os

from extract_grammar import check_draft, documents, sentences
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# About a minute in all on the 2-core development machine, with the corpus test another one.
EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize="TIMELINE_FUZZ_EXAMPLES" not in os.environ,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@FUZZ
@given(documents())
def test_any_document_of_the_grammar_drafts_a_valid_collection(document):
    text, suffix = document
    check_draft(text, "fuzz" + suffix)


@FUZZ
@given(st.lists(sentences(), min_size=1, max_size=8), st.sampled_from(["\n", "\n\n", " "]))
def test_any_run_of_sentences_drafts_a_valid_collection(parts, joint):
    check_draft(joint.join(parts), "fuzz.txt")


# Any character a text file holds: control characters, but for white space, make it a binary file (refused).
TEXT_CHARACTERS = st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"], include_characters="\t\n\r\f\v")


@FUZZ
@given(st.text(alphabet=TEXT_CHARACTERS, min_size=1, max_size=400))
def test_any_unicode_text_with_a_date_in_it_drafts_a_valid_collection(noise):
    check_draft(f"{noise} In March 2013, {noise} two years later {noise}\n2014\n* on 3 May {noise}", "noise.txt")
