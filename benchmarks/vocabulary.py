"""The words, names and hostile pieces of text that generated corpora are made of.

Quotes are sentences of :data:`WORDS` (the plain search words of ``tests/strategies.py`` among
them) with a :data:`HOSTILE` piece now and then: quotation marks, backslashes, line breaks,
emoji, no-break spaces, curly quotes, combining accents and right-to-left text, the characters
that are hard to escape in Turtle, N-Triples, JSON-LD or SPARQL.
"""

from __future__ import annotations

__all__ = [
    "AFFILIATIONS",
    "ANALYSES",
    "COUNTRIES",
    "DATA_COLLECTION",
    "FAMILY_NAMES",
    "GERUNDS",
    "GIVEN_NAMES",
    "HOSTILE",
    "JOURNALS",
    "KEYWORDS",
    "OBJECTS",
    "OPENERS",
    "WORDS",
]

NBSP = "\u00a0"

WORDS: tuple[str, ...] = (
    "recovery", "belong", "therapist", "hope", "group", "trust", "change", "myself", "believe",
    "honest", "feelings", "alone", "people", "understand", "really", "always", "never", "moment",
    "angry", "calm", "safe", "scared", "friends", "family", "mother", "work", "week", "years",
    "diagnosis", "label", "treatment", "skills", "therapy", "session", "listen", "talk", "words",
    "body", "pain", "cutting", "hospital", "nurse", "doctor", "medication", "sleep", "night",
    "morning", "future", "plans", "small", "steps", "proud", "shame", "guilt", "anger", "empty",
    "inside", "outside", "world", "place", "home", "room", "door", "open", "closed", "strong",
    "weak", "tired", "better", "worse", "different", "same", "normal", "crazy", "careful",
    "patient", "kind", "hard", "easy", "slowly", "suddenly", "together", "apart", "close",
    "distance", "relationship", "partner", "children", "school", "job", "money", "music",
    "walking", "breathing", "writing", "drawing", "café", "naïve", "Førde", "Ålesund", "Straße",
    "cafe\u0301",  # the same word as "café", its accent decomposed
)  # fmt: skip
"""Words that quotes, definitions and titles are made of (some accented)."""

HOSTILE: tuple[str, ...] = (
    '"',
    '"""',
    "\\",
    "\n",
    "\t",
    "a\r\nb",
    "'''",
    "<>&",
    "😀",
    NBSP,
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",  # Hebrew, right to left
    "’",
    "“calm down”",
    "don’t",
    "{x}",
    "%20",
    "e\u0301",  # a combining accent
    "…",
)
"""Pieces of text that are hard to escape in Turtle, JSON-LD, SPARQL or a file."""

OPENERS: tuple[str, ...] = (
    "I think", "It was like", "Sometimes", "When I", "My therapist said", "I don’t know, but",
    "Honestly,", "For me", "In the group", "At first", "Now I", "I remember", "It’s like",
)  # fmt: skip
"""How a participant's sentence starts."""

GERUNDS: tuple[str, ...] = (
    "Learning", "Daring", "Making", "Finding", "Needing", "Moving", "Holding", "Building",
    "Losing", "Regaining", "Choosing", "Accepting", "Facing", "Leaving", "Trusting", "Naming",
    "Living", "Sharing", "Searching", "Becoming", "Keeping", "Letting", "Reaching", "Carrying",
)  # fmt: skip
"""First words of theme labels."""

OBJECTS: tuple[str, ...] = (
    "to Belong", "Room for Recovery", "One’s Own", "Honesty and Genuine Mutuality",
    "Toward Connectedness", "a Voice", "Control over Emotions", "the Diagnosis", "Hope",
    "a Safe Place", "Others In", "Go of Shame", "Small Steps", "the Self", "Words for Pain",
    "Trust in Treatment", "a Life Worth Living", "Boundaries", "the Past Behind", "Meaning",
    "Care from Peers", "the Label", "Skills for Crisis", "Patience with Oneself", "Ærø’s Light",
    "Søren’s Hope", "Café Conversations", "a Different Future", "Identity", "Belonging",
)  # fmt: skip
"""Last words of theme labels; with :data:`GERUNDS` they make 720 labels, so some repeat."""

GIVEN_NAMES: tuple[str, ...] = (
    "Britt", "Eli", "Marius", "Christian", "Søren", "Zoë", "José", "Łukasz", "İlkay", "Anaïs",
    "Mary", "Victoria", "Clair", "Julie", "Mike", "Christina", "Kirsten", "Hayley", "Stefan",
    "Ngozi", "Aoife", "Bjørn", "Renée", "Dimitra", "Yuki", "Sinéad", "Åsa", "Tomás", "Ingrid",
)  # fmt: skip

FAMILY_NAMES: tuple[str, ...] = (
    "Kverme", "Natvik", "Veseth", "Moltu", "Katsakou", "Priebe", "Leamy", "Slade", "Zanarini",
    "O’Brien", "Le Boutillier", "García Márquez", "Øverland", "Nakamura", "Müller", "Dubois",
    "Kowalski", "Papadopoulou", "Ó Súilleabháin", "van der Berg", "Ng", "Ellison", "Gillard",
    "Castillo", "Bohus", "Linehan", "Fonagy", "Bateman", "Gunderson", "Stone",
)  # fmt: skip

AFFILIATIONS: tuple[str, ...] = (
    "Department of Psychiatry, District General Hospital of Førde, Førde, Norway",
    "Department of Clinical Psychology, University of Bergen, Bergen, Norway",
    "Unit for Social and Community Psychiatry, Queen Mary University of London, London, UK",
    "School of Psychology, University of Wollongong, Wollongong, Australia",
    "Département de psychiatrie, Université de Montréal, Montréal, Canada",
    "Klinik für Psychiatrie, Universität Heidelberg, Heidelberg, Germany",
    "Institute of Psychiatry, Psychology & Neuroscience, King’s College London, London, UK",
    "McLean Hospital, Belmont, MA, USA",
)
"""Affiliations, each with its city and country."""

COUNTRIES: tuple[str, ...] = (
    "Norway", "United Kingdom", "Australia", "Canada", "Germany", "United States", "Ireland",
    "Denmark", "Sweden", "New Zealand",
)  # fmt: skip

JOURNALS: tuple[tuple[str, str], ...] = (
    ("Frontiers in Psychology", "1664-1078"),
    ("PLoS ONE", "1932-6203"),
    ("BMC Psychiatry", "1471-244X"),
    ("Journal of Personality Disorders", "0885-579X"),
    ("Borderline Personality Disorder and Emotion Dysregulation", "2051-6673"),
    ("Personality and Mental Health", "1932-8621"),
)
"""Journals, each with its ISSN."""

KEYWORDS: tuple[str, ...] = (
    "borderline personality disorder", "recovery", "qualitative", "lived experience",
    "thematic analysis", "dialectical behaviour therapy", "mentalization", "self-harm",
    "service users", "interpretative phenomenological analysis", "emotion regulation",
)  # fmt: skip

DATA_COLLECTION: tuple[str, ...] = (
    "individual in-depth interviews", "semi-structured interviews", "focus groups",
    "written narratives", "diaries",
)  # fmt: skip

ANALYSES: tuple[str, ...] = (
    "a stepwise reflective approach", "thematic analysis", "interpretative analysis",
    "grounded theory", "systematic text condensation", "framework analysis",
)  # fmt: skip
