"""The passage a cross-encoder reads beside a claim: the sentences most about it, in the
article's order, cut to a word budget (the same function builds the training pairs)."""
from __future__ import annotations

from monitor.judge.verdicts.passages import select_passage, sentences_of

ARTICLE = (
    "Markets were calm on Monday. "
    "The European Central Bank cut its deposit rate by 25 basis points on Thursday. "
    "Analysts had expected the move for weeks. "
    "Lagarde said the bank was not pre-committing to a path for rates. "
    "Oil prices rose slightly."
)
CLAIM = "The ECB will cut the deposit rate by 25 basis points on September 12."


def test_the_sentences_sharing_the_claims_rarest_words_are_chosen_in_article_order() -> None:
    sentences = sentences_of(ARTICLE)
    passage = select_passage(CLAIM, sentences, max_sentences=2)
    assert passage.startswith("The European Central Bank cut its deposit rate by 25 basis points")
    assert "Oil prices" not in passage and "Markets were calm" not in passage
    # order of the article, not of the score
    chosen = select_passage("Lagarde said the deposit rate path", sentences, max_sentences=2)
    assert chosen.index("deposit rate") < chosen.index("Lagarde")


def test_the_passage_is_cut_to_the_word_budget() -> None:
    sentences = ["The deposit rate " + "word " * 200 + "."]
    assert len(select_passage("deposit rate", sentences, max_words=40).split()) == 40


def test_an_article_sharing_nothing_with_the_claim_is_read_from_its_title_and_beginning() -> None:
    passage = select_passage("Starship reached orbit", sentences_of(ARTICLE), title="Rates decision",
                             max_sentences=1)
    assert passage == "Rates decision Markets were calm on Monday."
