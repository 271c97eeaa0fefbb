"""Schemathesis hooks for scripts/fuzz (loaded through SCHEMATHESIS_HOOKS).

Hypothesis draws the same few small values ("0", "a", ...) over and over. Two of them carry
state in the intake service: a repeated Idempotency-Key with another body is a 422, and a
repeated sender reference number is a 409. Both are documented, so nothing would fail, but most
POSTs would stop at those checks and never reach the body's validation or the 201 path. So a
valid key and a valid reference number get a per-request suffix, except in every 8th request,
which keeps the replay, reuse and duplicate paths exercised. Values that break the document are
left alone: they are the negative tests. A counter rather than randomness keeps a seeded run
reproducible.
"""

import copy
import itertools
import re

import schemathesis

VALID_KEY = re.compile(r"[\x21-\x7E]{1,200}")
_requests = itertools.count(1)


def _suffixed(value, suffix, valid, max_length):
    if isinstance(value, str) and valid(value) and len(value) + len(suffix) <= max_length:
        return value + suffix
    return value


@schemathesis.hook
def before_call(context, case, kwargs):
    n = next(_requests)
    if n % 8 == 0:
        return
    suffix = f"-{n}"

    # Copies, never edits in place: generated cases share nested objects, so an edit would pile
    # suffixes onto the values of later cases.
    if case.headers:
        headers = dict(case.headers)
        for name in [h for h in headers if h.lower() == "idempotency-key"]:
            headers[name] = _suffixed(headers[name], suffix, VALID_KEY.fullmatch, 200)
        case.headers = headers

    # ReferralSubmission keeps it in source.reference, SchoolIdentificationSubmission in reference.
    if isinstance(case.body, dict):
        body = copy.deepcopy(case.body)
        source = body.get("source")
        for holder in (source.get("reference") if isinstance(source, dict) else None, body.get("reference")):
            if isinstance(holder, dict) and "number" in holder:
                holder["number"] = _suffixed(holder["number"], suffix, bool, 100)
        case.body = body
